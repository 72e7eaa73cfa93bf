namespace BackgroundRoles.Compat;

/// <summary>Every default of the compatibility assembly, in one place.</summary>
internal static class CompatDefaults
{
    /// <summary>The name of <c>RoleEnvironment.TraceSource</c>, as its logger category.</summary>
    public const string RoleTraceSourceName = "Microsoft.WindowsAzure.ServiceRuntime";

    /// <summary>The name of every DiagnosticMonitorTraceListener, the one the SDK's app.config templates gave it.</summary>
    public const string TraceListenerName = "AzureDiagnostics";

    /// <summary>The logger category of unlevelled <c>Trace.Write</c>/<c>Trace.WriteLine</c> output.</summary>
    public const string TraceCategory = "Trace";

    /// <summary>The logger category of the diagnostic monitor's own messages.</summary>
    public const string DiagnosticsCategory = "Microsoft.WindowsAzure.Diagnostics";

    /// <summary>The SDK's default for <c>DiagnosticMonitorConfiguration.OverallQuotaInMB</c>.</summary>
    public const int OverallQuotaInMB = 4080;

    /// <summary>The SDK's default for <c>DiagnosticMonitorConfiguration.ConfigurationChangePollInterval</c>.</summary>
    public static readonly TimeSpan ConfigurationChangePollInterval = TimeSpan.FromMinutes(1);
}
