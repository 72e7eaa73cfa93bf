using System.Diagnostics;
using Microsoft.WindowsAzure.Diagnostics;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.Tests.ServiceRuntime;

[TestClass]
public sealed class RoleEntryPointTests
{
    [TestMethod]
    public void Constructor_ClassicSubclass_IsARuntimeEntryPointAndRoutesTrace()
    {
        var entryPoint = new ClassicWorker();

        Assert.IsInstanceOfType<BackgroundRoles.ServiceRuntime.RoleEntryPoint>(entryPoint, "the host finds and runs it as any role");
        Assert.IsTrue(entryPoint.OnStart(), "the SDK's OnStart returns true");
        Assert.AreEqual(1, Trace.Listeners.OfType<DiagnosticMonitorTraceListener>().Count());

        _ = new ClassicWorker();
        Assert.AreEqual(1, Trace.Listeners.OfType<DiagnosticMonitorTraceListener>().Count(), "installed once");
    }

    /// <summary>A classic entry point, as user code declares it.</summary>
    private sealed class ClassicWorker : RoleEntryPoint
    {
    }
}
