using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>
/// What a new cscfg changes in a running deployment: per role, the settings whose values differ from those its
/// instances run with now, and a new instance count.
/// </summary>
/// <param name="Settings">The changed settings (new values), by role.</param>
/// <param name="Counts">The new instance counts, by role.</param>
/// <param name="Changes">One line per change, secret values masked.</param>
internal sealed record ConfigurationUpdate(
    IReadOnlyDictionary<string, Dictionary<string, string>> Settings,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<string> Changes)
{
    /// <summary>Compares <paramref name="configuration"/> (valid against the deployment's csdef) with what the deployment runs.</summary>
    public static ConfigurationUpdate Plan(LocalDeployment deployment, ServiceConfiguration configuration)
    {
        var settings = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var changes = new List<string>();
        foreach (var role in deployment.RoleNames)
        {
            if (configuration.FindRole(role) is not { } wanted)
            {
                continue;
            }

            var current = deployment.CurrentSettings(role);
            foreach (var setting in wanted.Settings.GroupBy(s => s.Name, StringComparer.Ordinal).Select(g => g.First()))
            {
                var before = current.GetValueOrDefault(setting.Name);
                if (before != setting.Value)
                {
                    if (!settings.TryGetValue(role, out var changed))
                    {
                        settings[role] = changed = new Dictionary<string, string>(StringComparer.Ordinal);
                    }

                    changed[setting.Name] = setting.Value;
                    changes.Add($"{role}: {setting.Name} {SecretMask.Setting(setting.Name, before ?? string.Empty)} -> {SecretMask.Setting(setting.Name, setting.Value)}");
                }
            }

            if (wanted.InstanceCount is { } count && count != deployment.TargetCount(role))
            {
                counts[role] = count;
                changes.Add($"{role}: instances {deployment.TargetCount(role)} -> {count}");
            }
        }

        return new ConfigurationUpdate(settings, counts, changes);
    }
}
