namespace BackgroundRoles.ServiceModel;

/// <summary>A parsed <c>ServiceConfiguration.*.cscfg</c>.</summary>
public sealed record ServiceConfiguration
{
    /// <summary>The <c>serviceName</c> attribute; must match the definition's name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The <c>osFamily</c> attribute; null when absent (very old files) or unreadable.</summary>
    public int? OsFamily { get; init; }

    /// <summary>The <c>osVersion</c> attribute, usually <c>*</c>; null when absent.</summary>
    public string? OsVersion { get; init; }

    public string? SchemaVersion { get; init; }

    public IReadOnlyList<RoleConfiguration> Roles { get; init; } = [];

    /// <summary>The <c>NetworkConfiguration</c> element, kept raw and not interpreted; null when absent.</summary>
    public RawElement? NetworkConfiguration { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary>Finds a role by name, ignoring case as the platform does; null when there is none.</summary>
    public RoleConfiguration? FindRole(string name) =>
        Roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
