using BackgroundRoles.Compat.Diagnostics;
using BackgroundRoles.Compat.Tests.Support;
using Microsoft.WindowsAzure.Diagnostics;

namespace BackgroundRoles.Compat.Tests.Diagnostics;

/// <summary>What DiagnosticMonitor.Start says in the instance's log about a configuration.</summary>
[TestClass]
public sealed class DiagnosticMonitorTests
{
    [TestCleanup]
    public void Cleanup() => Environments.Uninstall();

    [TestMethod]
    public void GetDefaultInitialConfiguration_Always_TheSdksDefaults()
    {
        var configuration = DiagnosticMonitor.GetDefaultInitialConfiguration();

        Assert.AreEqual(4080, configuration.OverallQuotaInMB);
        Assert.AreEqual(TimeSpan.FromMinutes(1), configuration.ConfigurationChangePollInterval);
        Assert.AreEqual(TimeSpan.Zero, configuration.Logs.ScheduledTransferPeriod);
        Assert.AreEqual(LogLevel.Undefined, configuration.Logs.ScheduledTransferLogLevelFilter);
        Assert.IsEmpty(configuration.Directories.DataSources);
        Assert.IsEmpty(configuration.PerformanceCounters.DataSources);
        Assert.IsEmpty(configuration.WindowsEventLog.DataSources);
    }

    [TestMethod]
    public void Start_TransfersFoldersAndWindowsSources_ReportedTransfersOnlyOnce()
    {
        MonitorReport.ResetTransferReported();
        Environments.Install();
        var folder = Directory.CreateTempSubdirectory("compat-custom-logs");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "app.log"), "x");
            var configuration = DiagnosticMonitor.GetDefaultInitialConfiguration();
            configuration.Logs.ScheduledTransferPeriod = TimeSpan.FromMinutes(1);
            configuration.Directories.ScheduledTransferPeriod = TimeSpan.FromMinutes(5);
            configuration.Directories.DataSources.Add(new DirectoryConfiguration { Path = folder.FullName, Container = "wad-custom", DirectoryQuotaInMB = 10 });
            configuration.PerformanceCounters.DataSources.Add(new PerformanceCounterConfiguration { CounterSpecifier = @"\Processor(_Total)\% Processor Time", SampleRate = TimeSpan.FromSeconds(5) });

            var monitor = DiagnosticMonitor.Start("Greeting", configuration);
            monitor.UpdateConfiguration(configuration);

            Assert.HasCount(1, InstanceLog.LinesWith("DiagnosticMonitor started (storage setting Greeting: set)"));
            Assert.HasCount(1, InstanceLog.LinesWith("scheduled transfer to storage (Logs every 00:01:00, Directories every 00:05:00) is not done here"));
            var kept = InstanceLog.LinesWith($"directory {folder.FullName} (container wad-custom, quota 10 MB) is kept in place (1 files now)");
            Assert.HasCount(2, kept, "reported at Start and at UpdateConfiguration");
            StringAssert.Contains(kept[0], " INFO ");
            Assert.HasCount(2, InstanceLog.LinesWith(@"performance counters (\Processor(_Total)\% Processor Time) are not collected"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Start_BadArguments_ThrowAtTheCall()
    {
        Assert.ThrowsExactly<ArgumentException>(() => DiagnosticMonitor.Start(string.Empty));
        Assert.ThrowsExactly<ArgumentNullException>(() => DiagnosticMonitor.Start("Setting", null!));
    }
}
