using System.Runtime.CompilerServices;
using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Jobs.Composition.Internal;

/// <summary>
/// What one kit coordinates: its instance's leases, its scheduled jobs (with the setting each reads its expression
/// from) and its singletons. Kept beside the kit rather than in it, since the kit (supervision) cannot see the jobs library.
/// </summary>
internal sealed class KitCoordination
{
    private static readonly ConditionalWeakTable<RoleKit, KitCoordination> Kits = [];

    private readonly Lock _gate = new();
    private readonly List<(ScheduledJob Job, string Setting)> _schedules = [];
    private readonly List<SingletonTask> _singletons = [];

    private KitCoordination(LeaseManager leases) => Leases = leases;

    public LeaseManager Leases { get; }

    public static void Attach(RoleKit kit, LeaseManager leases)
    {
        var coordination = new KitCoordination(leases);
        if (!Kits.TryAdd(kit, coordination))
        {
            throw new InvalidOperationException("UseCoordination was called twice on this kit: one storage and instance id per role.");
        }

        kit.OnSettingsChanged(coordination.OnSettingsChanged);
    }

    public static KitCoordination Of(RoleKit kit) =>
        TryOf(kit) ?? throw new InvalidOperationException("Call kit.UseCoordination(storage, instanceId) before declaring scheduled jobs or singletons.");

    public static KitCoordination? TryOf(RoleKit kit) => Kits.TryGetValue(kit, out var coordination) ? coordination : null;

    public void AddSchedule(ScheduledJob job, string setting)
    {
        lock (_gate)
        {
            _schedules.Add((job, setting));
        }
    }

    public void AddSingleton(SingletonTask singleton)
    {
        lock (_gate)
        {
            _singletons.Add(singleton);
        }
    }

    public IReadOnlyList<string> HeldSingletons()
    {
        lock (_gate)
        {
            return [.. _singletons.Where(singleton => singleton.IsHolder).Select(singleton => singleton.Name)];
        }
    }

    /// <summary>Reschedules each job whose setting changed; the job logs a new schedule, or an invalid one with its setting, itself.</summary>
    private void OnSettingsChanged(RoleSettingsChangedEventArgs e)
    {
        (ScheduledJob Job, string Setting)[] schedules;
        lock (_gate)
        {
            schedules = [.. _schedules];
        }

        foreach (var (job, setting) in schedules)
        {
            if (e.Names.Contains(setting, StringComparer.Ordinal))
            {
                job.Reschedule();
            }
        }
    }
}
