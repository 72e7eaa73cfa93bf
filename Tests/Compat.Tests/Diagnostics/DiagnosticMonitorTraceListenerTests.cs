using System.Diagnostics;
using BackgroundRoles.Compat.Tests.Support;
using Microsoft.WindowsAzure.Diagnostics;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.Tests.Diagnostics;

/// <summary>Trace and TraceSource output reaches the instance's log4net log file, with its level.</summary>
[TestClass]
public sealed class DiagnosticMonitorTraceListenerTests
{
    private readonly string _marker = Guid.NewGuid().ToString("N");

    [TestMethod]
    public void Trace_AfterDiagnosticMonitorStart_LinesReachTheLogWithTheirLevel()
    {
        DiagnosticMonitor.Start("Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString");

        Trace.TraceInformation("information " + _marker);
        Trace.TraceWarning("warning {0}", _marker);
        Trace.Write("partial ");
        Trace.WriteLine("line " + _marker, "Information");

        var lines = InstanceLog.LinesWith(_marker);
        Assert.HasCount(3, lines, string.Join(Environment.NewLine, lines));
        Assert.IsTrue(lines.Any(l => l.Contains(" INFO ", StringComparison.Ordinal) && l.EndsWith("information " + _marker, StringComparison.Ordinal)), lines[0]);
        Assert.IsTrue(lines.Any(l => l.Contains(" WARN ", StringComparison.Ordinal) && l.EndsWith("warning " + _marker, StringComparison.Ordinal)));
        Assert.IsTrue(lines.Any(l => l.Contains(" INFO ", StringComparison.Ordinal) && l.EndsWith("Trace: partial Information: line " + _marker, StringComparison.Ordinal)));
    }

    [TestMethod]
    public void RoleTraceSource_Events_ReachTheLogUnderItsNameAndVerboseIsDebug()
    {
        RoleEnvironment.TraceSource.TraceEvent(TraceEventType.Error, 1, "error " + _marker);
        RoleEnvironment.TraceSource.TraceEvent(TraceEventType.Verbose, 2, "verbose " + _marker);

        var lines = InstanceLog.LinesWith(_marker);
        Assert.HasCount(1, lines, "the shipped log4net.config keeps INFO and above: " + string.Join(Environment.NewLine, lines));
        StringAssert.Contains(lines[0], " ERROR ");
        StringAssert.EndsWith(lines[0], "Microsoft.WindowsAzure.ServiceRuntime: error " + _marker);
    }

    [TestMethod]
    public void Trace_CodeAddsItsOwnListener_EachLineLoggedOnce()
    {
        _ = DiagnosticMonitor.Start("Setting");
        var own = new DiagnosticMonitorTraceListener();
        Trace.Listeners.Add(own);
        try
        {
            Trace.TraceInformation("once " + _marker);
        }
        finally
        {
            Trace.Listeners.Remove(own);
        }

        Trace.TraceInformation("still " + _marker);

        var lines = InstanceLog.LinesWith(_marker);
        Assert.AreEqual(1, lines.Count(l => l.EndsWith("once " + _marker, StringComparison.Ordinal)), string.Join(Environment.NewLine, lines));
        Assert.AreEqual(1, lines.Count(l => l.EndsWith("still " + _marker, StringComparison.Ordinal)), "the installed one takes over again");
    }
}
