using BackgroundRoles.Jobs.Composition.Internal;
using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Jobs.Composition;

/// <summary>
/// Scheduled jobs and singleton tasks on a <see cref="RoleKit"/>: <see cref="UseCoordination"/> once (the storage
/// every instance shares, and this instance's id), then <see cref="AddSchedule"/> and <see cref="AddSingleton"/>.
/// </summary>
public static class CoordinationRegistration
{
    /// <summary>
    /// Makes the kit coordinate with the other instances through <paramref name="storage"/>: one
    /// <see cref="LeaseManager"/> for this instance, and the kit's settings-changed hook wired to reschedule every
    /// scheduled job whose expression setting changed. Call once, before <see cref="AddSchedule"/> and <see cref="AddSingleton"/>.
    /// Leases and schedules run on the storage's clock.
    /// </summary>
    /// <param name="kit">The role's kit.</param>
    /// <param name="storage">The storage every instance of the role shares (leases, schedule records).</param>
    /// <param name="instanceId">This role instance's id (<c>RoleEnvironment.CurrentRoleInstance.Id</c>), recorded on what it holds and runs.</param>
    /// <exception cref="ArgumentException">The instance id is empty, longer than 256 characters or not printable ASCII.</exception>
    /// <exception cref="InvalidOperationException">The kit coordinates already.</exception>
    public static RoleKit UseCoordination(this RoleKit kit, JobStorage storage, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(storage);
        KitCoordination.Attach(kit, new LeaseManager(storage, instanceId, kit.LoggerFactory));
        return kit;
    }

    /// <summary>
    /// Declares a scheduled job whose cron expression is the role setting <paramref name="expressionSetting"/>, read
    /// live: when the setting changes (<c>set-config</c>), the next occurrence is computed from the new expression
    /// without a restart; an invalid new value is logged with the setting's name and the schedule in use kept. Each
    /// tick runs on one instance only; a run still going at the next tick skips it; a run that throws fails the task,
    /// which follows <paramref name="policy"/> (see <see cref="ScheduledJob"/>).
    /// </summary>
    /// <param name="kit">The role's kit, coordinating (<see cref="UseCoordination"/>).</param>
    /// <param name="name">The job's name: its task's, its schedule record's and its lease's (1 to 100 letters, digits, '.', '_' or '-').</param>
    /// <param name="expressionSetting">The role setting holding the cron expression (5 fields, or 6 with seconds first).</param>
    /// <param name="job">One run; its token is cancelled by a stop or a lost lease.</param>
    /// <param name="configure">Sets the other options (time zone, missed ticks, RunOnStartup, lease time); the name and the expression are the kit's.</param>
    /// <param name="policy">How its task restarts after a failed run; default <see cref="RoleKit.DefaultPolicy"/>.</param>
    /// <exception cref="ArgumentException">A bad name or lease time, or a setting that is missing or not a cron expression (named in the message).</exception>
    /// <exception cref="InvalidOperationException"><see cref="UseCoordination"/> was not called.</exception>
    public static RoleKit AddSchedule(
        this RoleKit kit,
        string name,
        string expressionSetting,
        Func<ScheduledRun, CancellationToken, Task> job,
        Func<ScheduleOptions, ScheduleOptions>? configure = null,
        RestartPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentException.ThrowIfNullOrWhiteSpace(expressionSetting);
        ArgumentNullException.ThrowIfNull(job);
        var coordination = KitCoordination.Of(kit);
        var settings = kit.Settings;
        var options = new ScheduleOptions { Name = name, Expression = () => string.Empty };
        options = (configure?.Invoke(options) ?? options) with
        {
            Name = name,
            Expression = () => settings.TryGetValue(expressionSetting, out var value) ? value : string.Empty,
            ExpressionSource = $"setting '{expressionSetting}'",
        };
        var scheduled = new ScheduledJob(options, job, coordination.Leases);
        kit.Add(scheduled, policy);
        coordination.AddSchedule(scheduled, expressionSetting);
        return kit;
    }

    /// <summary>
    /// Declares a long-running task that runs on one instance at a time (<see cref="SingletonTask"/>): the instance
    /// holding its lease runs it, the others wait and take over within the lease time when the holder stops, crashes
    /// or loses storage.
    /// </summary>
    /// <param name="kit">The role's kit, coordinating (<see cref="UseCoordination"/>).</param>
    /// <param name="task">The task; its name names the lease (1 to 100 letters, digits, '.', '_' or '-').</param>
    /// <param name="leaseTime">From 15 to 60 seconds; default <see cref="JobDefaults.LeaseTime"/>.</param>
    /// <param name="policy">How it restarts; default <see cref="RoleKit.DefaultPolicy"/>.</param>
    /// <exception cref="ArgumentException">The task's name cannot name a lease, or the lease time is out of range.</exception>
    /// <exception cref="InvalidOperationException"><see cref="UseCoordination"/> was not called.</exception>
    public static RoleKit AddSingleton(this RoleKit kit, IBackgroundTask task, TimeSpan? leaseTime = null, RestartPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(kit);
        var coordination = KitCoordination.Of(kit);
        var singleton = new SingletonTask(task, coordination.Leases, leaseTime);
        kit.Add(singleton, policy);
        coordination.AddSingleton(singleton);
        return kit;
    }

    /// <summary>The singleton tasks this instance holds now, by name (for a health snapshot); empty without coordination.</summary>
    public static IReadOnlyList<string> HeldSingletons(this RoleKit kit)
    {
        ArgumentNullException.ThrowIfNull(kit);
        return KitCoordination.TryOf(kit)?.HeldSingletons() ?? [];
    }
}
