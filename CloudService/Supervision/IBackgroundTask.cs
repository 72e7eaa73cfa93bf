namespace BackgroundRoles.Supervision;

/// <summary>A named unit of background work that a <see cref="Supervisor"/> runs and restarts.</summary>
public interface IBackgroundTask
{
    /// <summary>The task's name, unique within one supervisor; used in logs and health snapshots.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the task until <paramref name="cancellationToken"/> is cancelled. Returning or throwing while the token
    /// is not cancelled is a failure, and the supervisor restarts the task by its <see cref="RestartPolicy"/>.
    /// </summary>
    /// <param name="context">The task's context for this run: call <see cref="BackgroundTaskContext.Heartbeat"/> to show progress.</param>
    /// <param name="cancellationToken">Cancelled when the task must stop: supervisor stop, freeze, escalation or stall.</param>
    Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken);
}
