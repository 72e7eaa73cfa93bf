using BackgroundRoles.Compat.Diagnostics;
using BackgroundRoles.Compat.ServiceRuntime;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>
/// The SDK's base class of a role's entry point. It derives from the runtime's
/// <see cref="BackgroundRoles.ServiceRuntime.RoleEntryPoint"/>, so the role host finds and runs a classic
/// <c>WorkerRole : RoleEntryPoint</c> as it runs any other role: OnStart, Run, then Stopping and OnStop.
/// </summary>
/// <remarks>
/// The host creates the entry point after it installed the environment, so creating it also attaches the SDK's
/// events (handlers a static constructor subscribed earlier included). It also routes
/// <see cref="System.Diagnostics.Trace"/> output to the instance's log, as the SDK's template did by registering
/// <c>DiagnosticMonitorTraceListener</c> in app.config (which .NET no longer reads).
/// </remarks>
public abstract class RoleEntryPoint : BackgroundRoles.ServiceRuntime.RoleEntryPoint
{
    protected RoleEntryPoint()
    {
        EventBridge.EnsureAttached();
        TraceRouting.EnsureInstalled();
    }
}
