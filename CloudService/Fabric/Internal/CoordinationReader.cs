using System.Collections.Concurrent;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;
using BackgroundRoles.Jobs.Scheduling;

namespace BackgroundRoles.Fabric.Internal;

/// <summary>
/// Adds each role's scheduled jobs, singletons and blob triggers to a status snapshot (<see cref="RoleSnapshot.Coordination"/>),
/// read from the storage the role's current <see cref="StorageConnection.SettingName"/> names. Schedule records and
/// leases (and trigger cursors) carry no role, so a role shows those named like a task its instances report in their health.
/// </summary>
internal sealed class CoordinationReader
{
    private readonly ConcurrentDictionary<string, JobStorage> _storages = new(StringComparer.Ordinal);

    /// <summary>Adds to <paramref name="snapshot"/>, the snapshot of <paramref name="deployment"/>, its roles' schedules, singletons and blob triggers.</summary>
    public async Task<DeploymentSnapshot> AddToAsync(LocalDeployment deployment, DeploymentSnapshot snapshot)
    {
        var roles = await Task.WhenAll(snapshot.Roles.Select(role => ReadAsync(deployment, role))).ConfigureAwait(false);
        return snapshot with { Roles = roles };
    }

    private async Task<RoleSnapshot> ReadAsync(LocalDeployment deployment, RoleSnapshot role)
    {
        var tasks = role.Instances.SelectMany(instance => instance.Health?.Tasks ?? []).Select(task => task.Name).ToHashSet(StringComparer.Ordinal);
        if (tasks.Count == 0 || !deployment.TryGetSetting(role.Name, StorageConnection.SettingName, out var connection) || string.IsNullOrWhiteSpace(connection))
        {
            return role;
        }

        // Status must answer while storage is down: a bounded wait, then the reason instead of the lists.
        using var timeout = new CancellationTokenSource(FabricDefaults.CoordinationStatusTimeout);
        RoleCoordination coordination;
        try
        {
            var storage = _storages.GetOrAdd(connection, text => JobStorage.Create(text));
            var status = new CoordinationStatus(storage);
            var schedules = await status.ListSchedulesAsync(timeout.Token).ConfigureAwait(false);
            var singletons = await status.ListSingletonsAsync(timeout.Token).ConfigureAwait(false);
            coordination = new RoleCoordination(
                [.. schedules.Where(record => tasks.Contains(record.Name)).Select(record => new ScheduleSnapshot(
                    record.Name, record.Expression, record.TimeZone, record.NextDue, record.LastRunStart, record.LastRunEnd, record.LastOutcome, record.LastInstance, record.TotalRuns))],
                [.. singletons.Where(lease => tasks.Contains(lease.Name)).Select(lease => new SingletonSnapshot(lease.Name, lease.IsHeld, lease.Holder, lease.HeldSince))]);
        }
        catch (JobStorageException exception)
        {
            coordination = new RoleCoordination([], [], "storage cannot be read: " + exception.Message);
        }
        catch (OperationCanceledException)
        {
            coordination = new RoleCoordination([], [], $"storage did not answer within {FabricDefaults.CoordinationStatusTimeout.TotalSeconds:0} s");
        }

        if (coordination.Error is null)
        {
            coordination = await AddTriggersAsync(coordination, _storages[connection], tasks).ConfigureAwait(false);
        }

        return coordination is { Schedules.Count: 0, Singletons.Count: 0, Triggers.Count: 0, Error: null, TriggersError: null } ? role : role with { Coordination = coordination };
    }

    /// <summary>
    /// The role's blob triggers, in a bounded wait of their own: counting receipts reads more than the schedules do,
    /// and a slow count must not hide the schedules and singletons.
    /// </summary>
    private static async Task<RoleCoordination> AddTriggersAsync(RoleCoordination coordination, JobStorage storage, HashSet<string> tasks)
    {
        using var timeout = new CancellationTokenSource(FabricDefaults.CoordinationStatusTimeout);
        try
        {
            return coordination with { Triggers = await new TriggerInspector(storage).ListTriggersAsync(tasks.Contains, timeout.Token).ConfigureAwait(false) };
        }
        catch (JobStorageException exception)
        {
            return coordination with { TriggersError = "storage cannot be read: " + exception.Message };
        }
        catch (OperationCanceledException)
        {
            return coordination with { TriggersError = $"storage did not answer within {FabricDefaults.CoordinationStatusTimeout.TotalSeconds:0} s" };
        }
    }
}
