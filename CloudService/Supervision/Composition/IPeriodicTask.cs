namespace BackgroundRoles.Supervision.Composition;

/// <summary>Work a <see cref="RoleKit"/> runs every interval, never two runs at once (<see cref="RoleKit.AddPeriodic(IPeriodicTask, TimeSpan, RestartPolicy?)"/>).</summary>
public interface IPeriodicTask
{
    /// <summary>The task's name, unique within the role; used in logs and health snapshots.</summary>
    string Name { get; }

    /// <summary>
    /// One run. Throwing fails the task, which then follows its <see cref="RestartPolicy"/> and decider like any
    /// supervised task; returning waits for the next interval.
    /// </summary>
    /// <param name="context">The supervised task's context: its clock is the role's.</param>
    /// <param name="cancellationToken">Cancelled when the task must stop: stop, freeze, escalation or stall.</param>
    Task RunOnceAsync(BackgroundTaskContext context, CancellationToken cancellationToken);
}
