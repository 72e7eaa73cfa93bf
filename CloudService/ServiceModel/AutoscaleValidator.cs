namespace BackgroundRoles.ServiceModel;

/// <summary>Checks autoscale rules against the service they scale. None of the checks throws.</summary>
public static class AutoscaleValidator
{
    /// <summary>
    /// Errors: a rule for a role the csdef does not have (or a plugin), a connection setting the role does not
    /// declare. Warning: a cscfg instance count outside the rule's bounds (the rule moves it in at the first decision).
    /// </summary>
    public static IReadOnlyList<Diagnostic> Validate(ServiceDefinition definition, ServiceConfiguration? configuration, AutoscaleRules rules)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rules);
        var diagnostics = new List<Diagnostic>();
        foreach (var rule in rules.Roles)
        {
            var role = definition.FindRole(rule.RoleName);
            if (role is null || role.Kind == RoleKind.Module)
            {
                diagnostics.Add(Diagnostic.Error(rule.Location, $"roles.{rule.RoleName}: the service definition has no role '{rule.RoleName}'; its roles: {string.Join(", ", definition.Roles.Where(r => r.Kind != RoleKind.Module).Select(r => r.Name))}"));
                continue;
            }

            if (rule.Queues.Count > 0 && !role.ConfigurationSettings.Any(s => string.Equals(s.Name, rule.ConnectionSetting, StringComparison.Ordinal)))
            {
                diagnostics.Add(Diagnostic.Error(rule.Location, $"roles.{rule.RoleName}.connectionSetting: role '{role.Name}' declares no setting '{rule.ConnectionSetting}' to read the queues' connection string from"));
            }

            if (configuration?.FindRole(role.Name)?.InstanceCount is { } count && (count < rule.MinInstances || count > rule.MaxInstances))
            {
                diagnostics.Add(Diagnostic.Warning(rule.Location, $"roles.{rule.RoleName}: the configuration's {count} instance(s) lie outside the rule's {rule.MinInstances} to {rule.MaxInstances}"));
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// Reads the rule file beside <paramref name="cscfgPath"/> when there is one and checks it against the pair:
    /// no file, no diagnostics and null rules.
    /// </summary>
    public static (AutoscaleRules? Rules, IReadOnlyList<Diagnostic> Diagnostics) LoadBeside(string cscfgPath, ServiceDefinition? definition, ServiceConfiguration? configuration)
    {
        var path = AutoscaleRules.PathBeside(cscfgPath);
        return File.Exists(path) ? Load(path, definition, configuration) : (null, []);
    }

    /// <summary>Reads the rule file at <paramref name="path"/> and, with a definition, checks it against the service.</summary>
    public static (AutoscaleRules? Rules, IReadOnlyList<Diagnostic> Diagnostics) Load(string path, ServiceDefinition? definition, ServiceConfiguration? configuration)
    {
        var read = AutoscaleRulesReader.Read(path);
        if (read.Value is null || definition is null)
        {
            return (read.Value, read.Diagnostics);
        }

        return (read.Value, [.. read.Diagnostics, .. Validate(definition, configuration, read.Value)]);
    }
}
