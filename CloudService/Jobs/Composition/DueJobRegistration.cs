using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Supervision.Composition;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Composition;

/// <summary>The due-jobs mover on a <see cref="RoleKit"/>: jobs submitted due further ahead than a queue message can wait.</summary>
public static class DueJobRegistration
{
    /// <summary>
    /// Declares the due-jobs mover (<see cref="DueJobMover"/>) as the scheduled job <see cref="JobDefaults.DueJobsName"/>
    /// on the cron expression in the role setting <paramref name="expressionSetting"/>: one instance runs each tick,
    /// whichever role declares it (web and worker roles may both), and a tick missed while no instance ran is run at
    /// start. Since the mover sends jobs <see cref="JobDefaults.DueJobsLookAhead"/> ahead, hidden until due, a
    /// schedule of once an hour keeps every job on time.
    /// </summary>
    /// <param name="kit">The role's kit, coordinating (<see cref="CoordinationRegistration.UseCoordination"/>).</param>
    /// <param name="storage">The storage jobs are submitted to.</param>
    /// <param name="expressionSetting">The role setting holding the cron expression.</param>
    /// <exception cref="ArgumentException">The setting is missing or not a cron expression (named in the message).</exception>
    /// <exception cref="InvalidOperationException">The kit does not coordinate.</exception>
    public static RoleKit AddDueJobMover(this RoleKit kit, JobStorage storage, string expressionSetting)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(storage);
        var mover = new DueJobMover(storage, kit.LoggerFactory.CreateLogger<DueJobMover>());
        return kit.AddSchedule(JobDefaults.DueJobsName, expressionSetting, mover.RunAsync);
    }
}
