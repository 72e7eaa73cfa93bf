namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>What a scheduled job does, when its task starts, with ticks that fell due while no instance ran it.</summary>
public enum MissedTickPolicy
{
    /// <summary>Runs once at start for all of them (as Quartz's fire-once-now and Hangfire's default do), then keeps the schedule.</summary>
    RunOnceOnStart,

    /// <summary>Logs how many were missed and waits for the next tick.</summary>
    Skip,
}
