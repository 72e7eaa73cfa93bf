namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>The enumerated attribute values of the csdef schema, and which protocols each element accepts.</summary>
internal static class SchemaWords
{
    public static readonly IReadOnlyDictionary<string, TaskExecutionContext> ExecutionContexts =
        new Dictionary<string, TaskExecutionContext>(StringComparer.Ordinal)
        {
            ["limited"] = TaskExecutionContext.Limited,
            ["elevated"] = TaskExecutionContext.Elevated,
        };

    public static readonly IReadOnlyDictionary<string, StartupTaskType> TaskTypes =
        new Dictionary<string, StartupTaskType>(StringComparer.Ordinal)
        {
            ["simple"] = StartupTaskType.Simple,
            ["background"] = StartupTaskType.Background,
            ["foreground"] = StartupTaskType.Foreground,
        };

    public static readonly IReadOnlyDictionary<string, EndpointProtocol> InputProtocols =
        Protocols(EndpointProtocol.Http, EndpointProtocol.Https, EndpointProtocol.Tcp, EndpointProtocol.Udp);

    public static readonly IReadOnlyDictionary<string, EndpointProtocol> InternalProtocols =
        Protocols(EndpointProtocol.Http, EndpointProtocol.Tcp, EndpointProtocol.Udp, EndpointProtocol.Any);

    public static readonly IReadOnlyDictionary<string, EndpointProtocol> InstanceInputProtocols =
        Protocols(EndpointProtocol.Tcp, EndpointProtocol.Udp);

    public static readonly IReadOnlyDictionary<string, EndpointProtocol> ProbeProtocols =
        Protocols(EndpointProtocol.Http, EndpointProtocol.Tcp);

    public static readonly IReadOnlySet<string> StoreLocations =
        new HashSet<string>(StringComparer.Ordinal) { "LocalMachine", "CurrentUser" };

    public static readonly IReadOnlySet<string> PermissionLevels =
        new HashSet<string>(StringComparer.Ordinal) { "limitedOrElevated", "elevated" };

    /// <summary>Every element name the csdef schema uses, to tell a misplaced element from an unknown one.</summary>
    public static readonly IReadOnlySet<string> DefinitionElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "ServiceDefinition", "RoleModule", "WebRole", "WorkerRole", "LoadBalancerProbes", "LoadBalancerProbe",
        "NetworkTrafficRules", "Startup", "Task", "Environment", "Variable", "RoleInstanceValue", "Runtime",
        "EntryPoint", "NetFxEntryPoint", "ProgramEntryPoint", "ConfigurationSettings", "Setting", "Endpoints",
        "InputEndpoints", "InputEndpoint", "InternalEndpoint", "InstanceInputEndpoint", "FixedPort", "FixedPortRange",
        "AllocatePublicPortFrom", "LocalResources", "LocalStorage", "Imports", "Import", "Certificates",
        "Certificate", "Sites", "Site", "Bindings", "Binding", "VirtualApplication", "VirtualDirectory", "Contents",
        "Content", "SourceDirectory",
    };

    /// <summary>Every element name the cscfg schema uses.</summary>
    public static readonly IReadOnlySet<string> ConfigurationElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "ServiceConfiguration", "Role", "Instances", "ConfigurationSettings", "Setting", "Certificates",
        "Certificate", "NetworkConfiguration", "OsImage",
    };

    private static Dictionary<string, EndpointProtocol> Protocols(params EndpointProtocol[] protocols) =>
        protocols.ToDictionary(p => p.ToString().ToLowerInvariant(), p => p, StringComparer.Ordinal);
}
