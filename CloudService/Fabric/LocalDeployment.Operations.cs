using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>What the control API asks of a running deployment: scale, recycle, set-config, status.</summary>
public sealed partial class LocalDeployment
{
    /// <summary>The most instances of one role the emulator runs.</summary>
    public const int MaxInstanceCount = 50;

    public DeploymentSnapshot GetSnapshot()
    {
        List<RoleSnapshot> roles;
        lock (_gate)
        {
            roles = [.. Roles().Select(r => new RoleSnapshot(r.Name, _targetCounts.GetValueOrDefault(r.Name, 0), GetInstances(r.Name)))];
        }

        return new DeploymentSnapshot(DeploymentId, ServiceName, StartedAt, IsStopping, roles);
    }

    /// <summary>
    /// Starts or stops instances until the role has <paramref name="count"/>; stopping takes the highest numbers. When
    /// the count changed, every running instance of every role with an internal endpoint then gets the new topology
    /// (Changing, then Changed; one that cancels Changing is recycled), as on the platform; the call returns once they
    /// have answered.
    /// </summary>
    /// <returns>Null when done, else why not.</returns>
    public async Task<string?> ScaleAsync(string roleName, int count)
    {
        var role = Roles().FirstOrDefault(r => string.Equals(r.Name, roleName, StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            return $"no role '{roleName}'; the roles: {string.Join(", ", RoleNames)}";
        }

        if (count is < 1 or > MaxInstanceCount)
        {
            return $"the instance count must be from 1 to {MaxInstanceCount}";
        }

        List<int> toStart;
        int from;
        lock (_gate)
        {
            if (_stopping || _channels is null)
            {
                return _stopping ? "the deployment is stopping" : "the deployment is not running yet";
            }

            from = _targetCounts.GetValueOrDefault(role.Name, 0);
            _targetCounts[role.Name] = count;
            foreach (var runner in _runners.Where(r => r.RoleName == role.Name && r.Index >= count))
            {
                runner.Stop();
            }

            var running = _runners.Where(r => r.RoleName == role.Name && !r.IsStopRequested).Select(r => r.Index).ToHashSet();
            toStart = [.. Enumerable.Range(0, count).Where(i => !running.Contains(i))];
            Say($"{role.Name}: scaling from {from} to {count} instances");
        }

        var errors = new List<string>();
        foreach (var index in toStart)
        {
            var (spec, problems) = Build(role, index);
            errors.AddRange(problems);
            if (spec is not null)
            {
                StartInstance(spec, index);
            }
        }

        if (from != count)
        {
            await SendTopologyAsync(role.Name).ConfigureAwait(false);
        }

        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    /// <summary>
    /// Gives every instance of every role that is not stopping the topology the target counts now make (the new
    /// instances' ids and internal endpoint ports are known before they start), in parallel: live to those connected
    /// whose role declares an internal endpoint (as on the platform, no other role sees Changing or Changed, the scaled
    /// role included), each within <see cref="FabricDefaults.ChangeTimeout"/>; the others have it in their descriptor
    /// at their next start.
    /// </summary>
    private async Task SendTopologyAsync(string scaledRole)
    {
        var work = new List<Task<ChangeOutcome>>();
        lock (_gate)
        {
            // Under the lock, so that the spec of every instance follows the scales in the order they were made.
            var topology = CurrentTopology();
            var targets = _runners.Where(r => !r.IsStopRequested).ToList();
            var live = targets.Count(r => r.IsConnected && r.RaisesTopologyChanges && RoleTopology.ChangedRoles(r.Spec.Descriptor.Roles, topology).Count > 0);
            Say($"{scaledRole}: topology change sent to {live} instance{(live == 1 ? string.Empty : "s")}");
            work.AddRange(targets.Select(r => r.ApplyTopologyAsync(topology)));
        }

        await Task.WhenAll(work).ConfigureAwait(false);
    }

    /// <summary>Recycles one instance; null when asked, else why not.</summary>
    public string? Recycle(string instanceId)
    {
        RoleInstanceRunner? runner;
        lock (_gate)
        {
            runner = _runners.FirstOrDefault(r => string.Equals(r.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase) && !r.IsStopRequested);
        }

        if (runner is null)
        {
            return $"no running instance '{instanceId}'";
        }

        return runner.Recycle("recycle requested") ? null : $"{runner.InstanceId} is {runner.Snapshot().State}: it has no role process to recycle now";
    }

    /// <summary>
    /// The setting every role has under the emulator, declared or not: Freeze=true parks a new start before OnStart
    /// (the platform-level escape from a restart loop).
    /// </summary>
    public const string FreezeSetting = "Freeze";

    /// <summary>
    /// Checks new setting values against the csdef: with a role, each must be one it declares (or
    /// <see cref="FreezeSetting"/>); without, each must be declared by at least one role (Freeze goes to every role).
    /// Returns the settings per role, or the errors.
    /// </summary>
    public (IReadOnlyDictionary<string, Dictionary<string, string>> PerRole, IReadOnlyList<string> Errors) PlanSettings(string? roleName, IReadOnlyDictionary<string, string> values)
    {
        var errors = new List<string>();
        var roles = Roles().Where(r => roleName is null || string.Equals(r.Name, roleName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (roles.Count == 0)
        {
            errors.Add($"no role '{roleName}'; the roles: {string.Join(", ", RoleNames)}");
        }

        var perRole = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            var declaring = roles.Where(r => name == FreezeSetting || r.ConfigurationSettings.Any(s => s.Name == name)).ToList();
            if (declaring.Count == 0 && roles.Count > 0)
            {
                errors.Add(roleName is null
                    ? $"no role declares the setting '{name}'"
                    : $"role '{roles[0].Name}' does not declare the setting '{name}'; it declares: {string.Join(", ", roles[0].ConfigurationSettings.Select(s => s.Name))}");
            }

            foreach (var role in declaring)
            {
                if (!perRole.TryGetValue(role.Name, out var settings))
                {
                    perRole[role.Name] = settings = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                settings[name] = value;
            }
        }

        return (perRole, errors);
    }

    /// <summary>The settings each new start of the role's instances gets now: the cscfg's, with every change since.</summary>
    public IReadOnlyDictionary<string, string> CurrentSettings(string roleName)
    {
        lock (_gate)
        {
            return _roleSettings.TryGetValue(roleName, out var known)
                ? known
                : _runners.FirstOrDefault(r => string.Equals(r.RoleName, roleName, StringComparison.OrdinalIgnoreCase))?.Spec.Descriptor.Settings
                    ?? (_configuration.FindRole(roleName)?.Settings ?? []).GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        }
    }

    /// <summary>How many instances the role should have now.</summary>
    public int TargetCount(string roleName)
    {
        lock (_gate)
        {
            return _targetCounts.GetValueOrDefault(roleName, 0);
        }
    }

    /// <summary>
    /// Applies planned settings (<see cref="PlanSettings"/>) live to every instance of each role: Changing, then
    /// Changed; an instance that cancels Changing is recycled with the new settings. New starts get them too.
    /// </summary>
    public async Task<IReadOnlyList<ChangeOutcome>> SetConfigurationAsync(IReadOnlyDictionary<string, Dictionary<string, string>> perRole)
    {
        var work = new List<Task<ChangeOutcome>>();
        lock (_gate)
        {
            foreach (var (roleName, changes) in perRole)
            {
                var current = _roleSettings.TryGetValue(roleName, out var known)
                    ? known
                    : _runners.FirstOrDefault(r => r.RoleName == roleName)?.Spec.Descriptor.Settings ?? new Dictionary<string, string>();
                var settings = new Dictionary<string, string>(current, StringComparer.Ordinal);
                foreach (var (name, value) in changes)
                {
                    settings[name] = value;
                }

                _roleSettings[roleName] = settings;
                Say($"{roleName}: new settings {string.Join(", ", changes.Select(c => $"{c.Key}={SecretMask.Setting(c.Key, c.Value)}"))}");
                work.AddRange(_runners.Where(r => r.RoleName == roleName && !r.IsStopRequested).Select(r => r.ApplySettingsAsync(settings)));
            }
        }

        return await Task.WhenAll(work).ConfigureAwait(false);
    }
}
