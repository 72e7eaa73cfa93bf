namespace BackgroundRoles.Porting;

/// <summary>The kinds of <see cref="PortFinding"/>: what the source scan, the project conversion and the build report.</summary>
public static class PortRules
{
    /// <summary>The Storage Client Library 1.x (<c>Microsoft.WindowsAzure.StorageClient</c>): gone, no .NET build exists.</summary>
    public const string StorageClient1 = "storage-client-1x";

    /// <summary>A synchronous (or Begin/End) call of WindowsAzure.Storage that its .NET (netstandard) build does not have.</summary>
    public const string StorageSync = "storage-sync-call";

    /// <summary>A WindowsAzure.Storage type or member that only its .NET Framework build has.</summary>
    public const string StorageFrameworkOnly = "storage-framework-only";

    /// <summary>The .NET Framework Service Bus SDK (<c>Microsoft.ServiceBus</c>).</summary>
    public const string ServiceBus = "service-bus";

    /// <summary>WCF (<c>System.ServiceModel</c>): no server side on .NET.</summary>
    public const string Wcf = "wcf";

    /// <summary>ASP.NET (<c>System.Web</c>): not on .NET.</summary>
    public const string SystemWeb = "system-web";

    /// <summary>Entity Framework 6 (<c>System.Data.Entity</c>).</summary>
    public const string EntityFramework6 = "entity-framework-6";

    /// <summary>A .NET Framework-only API (remoting, AppDomains, the config system, Windows-only services).</summary>
    public const string FrameworkOnly = "framework-only";

    /// <summary>A reference, package or project reference the port could not carry over.</summary>
    public const string Reference = "reference";

    /// <summary>A build error the scan did not explain.</summary>
    public const string Compiler = "compiler";
}
