namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>Why a scheduled job runs.</summary>
public enum ScheduledRunKind
{
    /// <summary>A tick of its schedule came.</summary>
    Tick,

    /// <summary>Ticks fell due while no instance ran it, and its policy is <see cref="MissedTickPolicy.RunOnceOnStart"/>.</summary>
    MissedTick,

    /// <summary>Its task started and it has <see cref="ScheduleOptions.RunOnStartup"/>.</summary>
    Startup,
}
