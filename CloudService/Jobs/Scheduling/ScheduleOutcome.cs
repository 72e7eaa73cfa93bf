namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>How a scheduled job's run ended, as its schedule record keeps it.</summary>
public enum ScheduleOutcome
{
    /// <summary>Not run yet.</summary>
    None,

    /// <summary>Running now (or its instance died while running it).</summary>
    Running,

    /// <summary>The job returned.</summary>
    Succeeded,

    /// <summary>The job threw; the task failed and was restarted by its restart policy.</summary>
    Failed,

    /// <summary>The task was stopped while the job ran.</summary>
    Cancelled,

    /// <summary>The lease could not be renewed, so the run was cancelled.</summary>
    LeaseLost,
}
