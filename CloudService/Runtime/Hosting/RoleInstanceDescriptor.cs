using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackgroundRoles.Hosting;

/// <summary>
/// Everything a role instance needs to know about itself, written by the launcher (the CLI's <c>host</c> verb,
/// or the emulator) to a JSON file whose path the role process finds in <see cref="EnvironmentVariable"/>.
/// It plays the part of the Cloud Services guest agent: settings, endpoints, local resources, topology.
/// </summary>
public sealed record RoleInstanceDescriptor
{
    /// <summary>The environment variable that names the descriptor file.</summary>
    public const string EnvironmentVariable = "BACKGROUNDROLES_INSTANCE";

    public required string DeploymentId { get; init; }

    public required string RoleName { get; init; }

    /// <summary>The instance id, <c>&lt;Role&gt;_IN_&lt;N&gt;</c>.</summary>
    public required string InstanceId { get; init; }

    public bool IsEmulated { get; init; }

    public int UpdateDomain { get; init; }

    public int FaultDomain { get; init; }

    /// <summary>The role's configuration settings, from the cscfg.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<LocalResourceDescriptor> LocalResources { get; init; } = [];

    public IReadOnlyList<EndpointDescriptor> Endpoints { get; init; } = [];

    /// <summary>Every role of the deployment with its instance ids, the current role included.</summary>
    public IReadOnlyList<RoleTopologyDescriptor> Roles { get; init; } = [];

    /// <summary>Where the instance's rolling log file goes.</summary>
    public required string LogDirectory { get; init; }

    /// <summary>The assembly that holds the RoleEntryPoint (the csdef's NetFxEntryPoint); null: the entry assembly.</summary>
    public string? EntryPointAssembly { get; init; }

    /// <summary>How long Stopping plus OnStop may take. Default: 5 minutes, as on the platform.</summary>
    public TimeSpan StopBudget { get; init; } = HostDefaults.StopBudget;

    /// <summary>How often the StatusCheck event is raised. Default: 15 seconds.</summary>
    public TimeSpan StatusCheckInterval { get; init; } = HostDefaults.StatusCheckInterval;

    /// <summary>The fabric's control channel; null (the default) when the instance runs standalone.</summary>
    public ControlChannelDescriptor? ControlChannel { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, RoleInstanceDescriptorJson.Default.RoleInstanceDescriptor);

    /// <summary>Reads a descriptor; throws <see cref="JsonException"/> or an IO exception on bad input.</summary>
    public static RoleInstanceDescriptor FromJson(string json) =>
        JsonSerializer.Deserialize(json, RoleInstanceDescriptorJson.Default.RoleInstanceDescriptor)
        ?? throw new JsonException("The role instance descriptor is empty.");
}

public sealed record LocalResourceDescriptor(string Name, string RootPath, int SizeInMB);

/// <summary>An endpoint: the address and port the instance listens on, and for an input endpoint the public one.</summary>
public sealed record EndpointDescriptor(string Name, string Protocol, string Address, int Port, int? PublicPort)
{
    /// <summary>The scheme of its URLs: the protocol, <c>tcp</c> for <c>any</c>.</summary>
    [JsonIgnore]
    public string Scheme => Protocol is "any" ? "tcp" : Protocol;

    /// <summary>Where the instance listens, as a URL.</summary>
    [JsonIgnore]
    public string Url => $"{Scheme}://{Address}:{Port}/";
}

/// <summary>A role of the deployment: its instance ids and, where the launcher knows them, each instance's internal endpoints.</summary>
public sealed record RoleTopologyDescriptor(string Name, IReadOnlyList<string> InstanceIds)
{
    /// <summary>Instance id → its InternalEndpoints (where it listens for its peers); empty when not known.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EndpointDescriptor>> InstanceEndpoints { get; init; } = new Dictionary<string, IReadOnlyList<EndpointDescriptor>>();
}
