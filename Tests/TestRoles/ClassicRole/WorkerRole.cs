using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.WindowsAzure;
using Microsoft.WindowsAzure.Diagnostics;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace ClassicRole
{
    public class WorkerRole : RoleEntryPoint
    {
        private readonly CancellationTokenSource cancellationTokenSource = new CancellationTokenSource();
        private readonly ManualResetEvent runCompleteEvent = new ManualResetEvent(false);

        public override void Run()
        {
            Trace.TraceInformation("ClassicRole is running");

            try
            {
                this.RunAsync(this.cancellationTokenSource.Token).Wait();
            }
            finally
            {
                this.runCompleteEvent.Set();
            }
        }

        public override bool OnStart()
        {
            // Set the maximum number of concurrent connections
            ServicePointManager.DefaultConnectionLimit = 12;

            DiagnosticMonitorConfiguration config = DiagnosticMonitor.GetDefaultInitialConfiguration();
            config.Logs.ScheduledTransferPeriod = TimeSpan.FromMinutes(1);
            config.Logs.ScheduledTransferLogLevelFilter = LogLevel.Verbose;
            LocalResource customLogs = RoleEnvironment.GetLocalResource("CustomLogs");
            config.Directories.DataSources.Add(new DirectoryConfiguration { Path = customLogs.RootPath, Container = "wad-custom-logs", DirectoryQuotaInMB = customLogs.MaximumSizeInMegabytes });
            config.Directories.ScheduledTransferPeriod = TimeSpan.FromMinutes(5);
            config.WindowsEventLog.DataSources.Add("Application!*");
            DiagnosticMonitor.Start("Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString", config);

            RoleEnvironment.Changing += RoleEnvironmentChanging;
            RoleEnvironment.Changed += RoleEnvironmentChanged;
            RoleEnvironment.Stopping += RoleEnvironmentStopping;
            RoleEnvironment.StatusCheck += RoleEnvironmentStatusCheck;

            string greeting = CloudConfigurationManager.GetSetting("Greeting");
            string fromAppConfig = CloudConfigurationManager.GetSetting("OnlyInAppConfig");
            Trace.WriteLine("Greeting is " + greeting + ", app.config says " + fromAppConfig, "Information");
            RoleEnvironment.TraceSource.TraceEvent(TraceEventType.Information, 0, "TraceSource: " + RoleEnvironment.CurrentRoleInstance.Id + " of " + RoleEnvironment.CurrentRoleInstance.Role.Name + " in " + RoleEnvironment.Roles.Count + " role(s)");

            Peers.TraceInstances();

            bool result = base.OnStart();

            Trace.TraceInformation("ClassicRole has been started");

            return result;
        }

        public override void OnStop()
        {
            Trace.TraceInformation("ClassicRole is stopping");

            this.cancellationTokenSource.Cancel();
            this.runCompleteEvent.WaitOne();

            base.OnStop();

            Trace.TraceInformation("ClassicRole has stopped");
        }

        private void RoleEnvironmentChanging(object sender, RoleEnvironmentChangingEventArgs e)
        {
            foreach (RoleEnvironmentChange change in e.Changes)
            {
                RoleEnvironmentConfigurationSettingChange settingChange = change as RoleEnvironmentConfigurationSettingChange;
                if (settingChange != null)
                {
                    Trace.TraceInformation("Changing: setting " + settingChange.ConfigurationSettingName);
                }
                else if (change is RoleEnvironmentTopologyChange)
                {
                    Trace.TraceInformation("Changing: topology of " + ((RoleEnvironmentTopologyChange)change).RoleName);
                }
            }
        }

        private void RoleEnvironmentChanged(object sender, RoleEnvironmentChangedEventArgs e)
        {
            foreach (RoleEnvironmentConfigurationSettingChange change in e.Changes.OfType<RoleEnvironmentConfigurationSettingChange>())
            {
                Trace.TraceInformation("Changed: setting " + change.ConfigurationSettingName + " is now " + RoleEnvironment.GetConfigurationSettingValue(change.ConfigurationSettingName));
            }
        }

        private void RoleEnvironmentStopping(object sender, RoleEnvironmentStoppingEventArgs e)
        {
            Trace.TraceInformation("Stopping event for " + RoleEnvironment.CurrentRoleInstance.Id);
        }

        private void RoleEnvironmentStatusCheck(object sender, RoleInstanceStatusCheckEventArgs e)
        {
            if (CloudConfigurationManager.GetSetting("Greeting") == "busy")
            {
                e.SetBusy();
            }
        }

        private async Task RunAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Trace.TraceInformation("Working");
                await Task.Delay(1000);
            }
        }
    }
}
