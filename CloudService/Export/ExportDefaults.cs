namespace BackgroundRoles.Export;

/// <summary>Every default of <c>cloudservice export kubernetes</c>, in one place.</summary>
public static class ExportDefaults
{
    /// <summary>The output folder when none is given, relative to the current folder.</summary>
    public const string OutputFolder = "k8s";

    /// <summary>The file that lists what could not be mapped, and what to do before applying.</summary>
    public const string NotesFileName = "NOTES.md";

    /// <summary>Where the Dockerfiles go in the output folder.</summary>
    public const string DockerFolder = "docker";

    /// <summary>The first port tried for the probes; the next free one when a role endpoint uses it.</summary>
    public const int ProbePort = 8081;

    /// <summary>The first port given to an internal endpoint the csdef leaves to the platform.</summary>
    public const int FirstAssignedPort = 20000;

    /// <summary>What the probes bind in a pod: the kubelet calls from outside the container.</summary>
    public const string ProbeAddress = "0.0.0.0";

    /// <summary>What role endpoints listen on in a pod, for the Services in front of them.</summary>
    public const string ListenAddress = "0.0.0.0";

    /// <summary>Where the role's files are in its image.</summary>
    public const string AppDirectory = "/app";

    /// <summary>Where the descriptor ConfigMap is mounted.</summary>
    public const string DescriptorDirectory = "/etc/backgroundroles";

    /// <summary>The descriptor's key in its ConfigMap and file name under <see cref="DescriptorDirectory"/>.</summary>
    public const string DescriptorFile = "descriptor.json";

    /// <summary>Where each local resource (an emptyDir) is mounted: this folder, then its name.</summary>
    public const string LocalResourceRoot = "/var/lib/backgroundroles/local";

    /// <summary>Where the role's log files go (an emptyDir).</summary>
    public const string LogDirectory = "/var/log/backgroundroles";

    /// <summary>The image tag of every role image.</summary>
    public const string ImageTag = "latest";

    /// <summary>The .NET SDK image of the build stage.</summary>
    public const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";

    /// <summary>The runtime image of a worker role (no ASP.NET Core).</summary>
    public const string RuntimeImage = "mcr.microsoft.com/dotnet/runtime:10.0";

    /// <summary>The runtime image of a web role (ASP.NET Core).</summary>
    public const string AspNetImage = "mcr.microsoft.com/dotnet/aspnet:10.0";

    /// <summary>The VM size of a role whose csdef names none, as on the platform.</summary>
    public const string DefaultVmSize = "Small";

    /// <summary>The pod label that says which slot a Deployment is; a Service selects one, so a swap is a selector change.</summary>
    public const string SlotLabel = "backgroundroles.io/slot";

    /// <summary>The slot of an exported Deployment.</summary>
    public const string ProductionSlot = "production";

    /// <summary>The pod label that names the role.</summary>
    public const string RoleLabel = "app.kubernetes.io/name";

    /// <summary>The label that names the service a role belongs to.</summary>
    public const string ServiceLabel = "app.kubernetes.io/part-of";

    /// <summary>How often KEDA reads the queues.</summary>
    public static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(30);

    /// <summary>Added to the stop budget for terminationGracePeriodSeconds: the process's own start of shutdown and exit.</summary>
    public static readonly TimeSpan TerminationMargin = TimeSpan.FromSeconds(15);

    /// <summary>How often the kubelet calls the probes.</summary>
    public static readonly TimeSpan ProbePeriod = TimeSpan.FromSeconds(10);

    /// <summary>How long a pod may take to answer its first liveness probe (process start, before OnStart).</summary>
    public static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(2);
}
