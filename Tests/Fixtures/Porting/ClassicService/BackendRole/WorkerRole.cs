using System.Diagnostics;
using System.Threading;
using Microsoft.WindowsAzure;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace ClassicService.Backend
{
    public class WorkerRole : RoleEntryPoint
    {
        private readonly ManualResetEvent stopped = new ManualResetEvent(false);
        private QueueWork work;

        public override bool OnStart()
        {
            work = new QueueWork(CloudConfigurationManager.GetSetting("DataConnectionString"));
            RoleInstanceEndpoint endpoint = RoleEnvironment.CurrentRoleInstance.InstanceEndpoints["Work"];
            Trace.TraceInformation("Backend " + RoleEnvironment.CurrentRoleInstance.Id + " listens on " + endpoint.IPEndpoint + " for queue " + work.QueueName);
            return base.OnStart();
        }

        public override void Run()
        {
            stopped.WaitOne();
        }

        public override void OnStop()
        {
            stopped.Set();
            base.OnStop();
        }
    }
}
