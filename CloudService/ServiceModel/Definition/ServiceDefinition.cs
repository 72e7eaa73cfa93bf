namespace BackgroundRoles.ServiceModel;

/// <summary>
/// A parsed <c>ServiceDefinition.csdef</c>, or a <c>.csplugin</c> (<c>RoleModule</c> root), which is modelled as a
/// definition holding one role of kind <see cref="RoleKind.Module"/> named after the module's namespace.
/// </summary>
public sealed record ServiceDefinition
{
    /// <summary>The <c>name</c> attribute; the configuration's <c>serviceName</c> must match it.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>schemaVersion</c> attribute, such as <c>2015-04.2.6</c>; null when absent (old SDKs).</summary>
    public string? SchemaVersion { get; init; }

    /// <summary>The <c>upgradeDomainCount</c> attribute; null when absent (the platform default applies).</summary>
    public int? UpgradeDomainCount { get; init; }

    /// <summary>The <c>topologyChangeDiscovery</c> attribute (<c>Blast</c> or <c>UpgradeDomainWalk</c>), kept as written.</summary>
    public string? TopologyChangeDiscovery { get; init; }

    /// <summary>Service-level <c>LoadBalancerProbes</c>, referred to by input endpoints.</summary>
    public IReadOnlyList<LoadBalancerProbe> LoadBalancerProbes { get; init; } = [];

    /// <summary>Roles in file order.</summary>
    public IReadOnlyList<RoleDefinition> Roles { get; init; } = [];

    /// <summary>True when the file was a <c>RoleModule</c> (a plugin) rather than a service.</summary>
    public bool IsRoleModule { get; init; }

    /// <summary>Where the root element is.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Finds a role by name, ignoring case as the platform does; null when there is none.</summary>
    public RoleDefinition? FindRole(string name) =>
        Roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
