using System.Threading;
using Microsoft.WindowsAzure;
using Microsoft.WindowsAzure.ServiceRuntime;
using Microsoft.WindowsAzure.StorageClient;

namespace LegacyStorageRole
{
    public class WorkerRole : RoleEntryPoint
    {
        public override void Run()
        {
            // Storage Client 1.x, as roles of 2011 wrote it.
            CloudStorageAccount account = CloudStorageAccount.FromConfigurationSetting("DataConnectionString");
            CloudQueueClient client = account.CreateCloudQueueClient();
            while (true)
            {
                Thread.Sleep(10000);
            }
        }
    }
}
