namespace BackgroundRoles.ServiceModel;

/// <summary>
/// The autoscale rules of a service, read from <see cref="FileName"/> beside its cscfg: per role, the bounds of its
/// instance count, the queues whose length drives it, the steps and cool-downs, and time-of-day schedules. It is a
/// declaration only: what the emulator or an orchestrator decides from it lives with them.
/// </summary>
public sealed record AutoscaleRules
{
    /// <summary>The rule file's name; it lies in the cscfg's folder and serves every cscfg there.</summary>
    public const string FileName = "ServiceConfiguration.Autoscale.json";

    /// <summary>One rule per role, in file order.</summary>
    public IReadOnlyList<RoleAutoscaleRule> Roles { get; init; } = [];

    /// <summary>Where the root object is.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The rule file that belongs to <paramref name="cscfgPath"/>: <see cref="FileName"/> in its folder.</summary>
    public static string PathBeside(string cscfgPath) =>
        Path.Combine(Path.GetDirectoryName(cscfgPath) ?? string.Empty, FileName);

    /// <summary>The rule of the role named <paramref name="roleName"/> (ignoring case, as role names compare); null when none.</summary>
    public RoleAutoscaleRule? FindRole(string roleName) =>
        Roles.FirstOrDefault(r => string.Equals(r.RoleName, roleName, StringComparison.OrdinalIgnoreCase));
}
