using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;

namespace LegacyStorageRole
{
    public class Uploader
    {
        public void Upload(CloudStorageAccount account, string text)
        {
            CloudQueue queue = account.CreateCloudQueueClient().GetQueueReference("uploads");
            queue.CreateIfNotExists();
            queue.AddMessage(new CloudQueueMessage(text));
            CloudBlockBlob blob = account.CreateCloudBlobClient().GetContainerReference("uploads").GetBlockBlobReference("last.txt");
            blob.UploadText(text);
        }
    }
}
