using System.Globalization;
using System.Text.RegularExpressions;

namespace BackgroundRoles.Hosting;

/// <summary>
/// What an orchestrator (a Kubernetes Deployment, or anything else that starts the role process) can tell a standalone
/// instance through its environment, over what the descriptor says: its instance id (the pod's name), its role's
/// instance count (the replica count), and setting values (a ConfigMap or Secret), one variable per setting,
/// <see cref="SettingVariable"/>. The environment wins over the descriptor (and so over the cscfg it was built from).
/// Under the emulator (a control channel in the descriptor) none of this applies: the fabric owns the instance.
/// </summary>
public static partial class OrchestratorEnvironment
{
    /// <summary>The instance id, such as a pod's name (<c>metadata.name</c> through the downward API).</summary>
    public const string InstanceIdVariable = "BACKGROUNDROLES_INSTANCE_ID";

    /// <summary>How many instances the role has (the Deployment's replica count when it was written).</summary>
    public const string InstanceCountVariable = "BACKGROUNDROLES_INSTANCE_COUNT";

    /// <summary>The prefix of the variables that carry setting values.</summary>
    public const string SettingPrefix = "BACKGROUNDROLES_SETTING_";

    /// <summary>The most instances the count may say; more is taken for a mistake.</summary>
    public const int MaxInstanceCount = 10_000;

    /// <summary>
    /// The variable that carries the setting <paramref name="settingName"/>: <see cref="SettingPrefix"/> and the name
    /// with every character other than an ASCII letter, digit or underscore made an underscore
    /// (<c>Janitor.Interval</c>: <c>BACKGROUNDROLES_SETTING_Janitor_Interval</c>), so it is a portable variable name.
    /// </summary>
    public static string SettingVariable(string settingName)
    {
        ArgumentNullException.ThrowIfNull(settingName);
        return SettingPrefix + NotPortable().Replace(settingName, "_");
    }

    /// <summary>
    /// The descriptor with what <paramref name="read"/> (an environment lookup) says laid over it: every setting the
    /// descriptor lists whose variable is set (even to an empty value), the instance id, and the role's instance count
    /// (its topology then lists the current instance and, as the platform names them, <c>&lt;Role&gt;_IN_&lt;N&gt;</c>
    /// for the others, since an orchestrator tells a pod neither an ordinal nor its peers' names). Null with
    /// <paramref name="error"/> naming the variable when a value is bad.
    /// </summary>
    public static RoleInstanceDescriptor? Apply(RoleInstanceDescriptor descriptor, Func<string, string?> read, out string? error)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(read);
        error = null;
        var settings = new Dictionary<string, string>(descriptor.Settings, StringComparer.Ordinal);
        foreach (var name in descriptor.Settings.Keys)
        {
            if (read(SettingVariable(name)) is { } value)
            {
                settings[name] = value;
            }
        }

        var instanceId = descriptor.InstanceId;
        if (read(InstanceIdVariable) is { Length: > 0 } id)
        {
            if (!InstanceId().IsMatch(id))
            {
                error = $"{InstanceIdVariable}='{id}' is not an instance id (letters, digits, '.', '_' and '-', at most 253, starting with a letter or digit)";
                return null;
            }

            instanceId = id;
        }

        int? count = null;
        if (read(InstanceCountVariable) is { Length: > 0 } countText)
        {
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > MaxInstanceCount)
            {
                error = $"{InstanceCountVariable}='{countText}' is not an instance count (1 to {MaxInstanceCount})";
                return null;
            }

            count = parsed;
        }

        return descriptor with
        {
            InstanceId = instanceId,
            Settings = settings,
            Roles = [.. descriptor.Roles.Select(r => string.Equals(r.Name, descriptor.RoleName, StringComparison.OrdinalIgnoreCase) ? OwnRole(r, descriptor.InstanceId, instanceId, count) : r)],
        };
    }

    private static RoleTopologyDescriptor OwnRole(RoleTopologyDescriptor role, string oldId, string newId, int? count)
    {
        var ids = role.InstanceIds.Select(i => i == oldId ? newId : i).ToList();
        if (!ids.Contains(newId))
        {
            ids.Insert(0, newId);
        }

        if (count is { } wanted)
        {
            var others = ids.Where(i => i != newId).Take(wanted - 1).ToList();
            for (var next = 0; others.Count < wanted - 1; next++)
            {
                var candidate = $"{role.Name}_IN_{next}";
                // The current instance stands in for the id it replaced, so that one is not listed again.
                if (candidate != newId && candidate != oldId && !others.Contains(candidate))
                {
                    others.Add(candidate);
                }
            }

            ids = [newId, .. others];
        }

        return role with { InstanceIds = ids };
    }

    [GeneratedRegex("[^A-Za-z0-9_]", RegexOptions.CultureInvariant)]
    private static partial Regex NotPortable();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceId();
}
