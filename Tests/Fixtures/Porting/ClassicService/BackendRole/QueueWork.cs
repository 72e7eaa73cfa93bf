using System.Threading.Tasks;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;

namespace ClassicService.Backend
{
    /// <summary>Queue work written with the async calls, which WindowsAzure.Storage has on .NET too.</summary>
    public class QueueWork
    {
        private readonly CloudQueue queue;

        public QueueWork(string connectionString)
        {
            CloudStorageAccount account = CloudStorageAccount.Parse(connectionString);
            queue = account.CreateCloudQueueClient().GetQueueReference("backend-work");
        }

        public string QueueName
        {
            get { return queue.Name; }
        }

        public async Task SubmitAsync(string text)
        {
            await queue.CreateIfNotExistsAsync();
            await queue.AddMessageAsync(new CloudQueueMessage(text));
        }
    }
}
