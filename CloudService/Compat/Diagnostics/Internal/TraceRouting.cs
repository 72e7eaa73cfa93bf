using System.Diagnostics;
using Microsoft.WindowsAzure.Diagnostics;

namespace BackgroundRoles.Compat.Diagnostics;

/// <summary>
/// Puts a <see cref="DiagnosticMonitorTraceListener"/> where classic code expects one: in <see cref="Trace.Listeners"/>
/// (the SDK's templates registered it in app.config, which .NET does not read) and behind RoleEnvironment.TraceSource.
/// Nothing is done at load time: the role's entry point and DiagnosticMonitor.Start install it.
/// </summary>
internal static class TraceRouting
{
    private static int s_installed;

    public static void EnsureInstalled()
    {
        if (Interlocked.Exchange(ref s_installed, 1) != 0)
        {
            return;
        }

        var listeners = Trace.Listeners;
        if (!listeners.OfType<DiagnosticMonitorTraceListener>().Any())
        {
            listeners.Add(new DiagnosticMonitorTraceListener { StandsInFor = listeners });
        }
    }

    /// <summary>The SDK's RoleEnvironment.TraceSource: every level passed on; the log4net config decides what is kept.</summary>
    public static TraceSource CreateRoleTraceSource()
    {
        var source = new TraceSource(CompatDefaults.RoleTraceSourceName, SourceLevels.All);
        source.Listeners.Add(new DiagnosticMonitorTraceListener { StandsInFor = source.Listeners });
        return source;
    }
}
