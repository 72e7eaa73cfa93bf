namespace BackgroundRoles.Jobs.Leases.Internal;

/// <summary>
/// Event ids of leases, singletons and schedules: 5060-5099 of the jobs library's range (the queue processor's ids
/// stay in <see cref="Jobs.Internal.JobEventIds"/>).
/// </summary>
internal static class CoordinationEventIds
{
    public const int LeaseAcquired = 5060;
    public const int LeaseReleased = 5061;
    public const int LeaseLost = 5062;
    public const int LeaseReleaseFailed = 5063;
    public const int LeaseAcquireFailed = 5064;
    public const int LeaseHolderNotRecorded = 5065;
    public const int SingletonWaiting = 5070;
    public const int SingletonRunning = 5071;
    public const int SingletonLostLease = 5072;
    public const int ScheduleStarting = 5080;
    public const int TickRun = 5081;
    public const int TickFailed = 5082;
    public const int TickSkippedOverlap = 5083;
    public const int TickRanElsewhere = 5084;
    public const int MissedTicksRun = 5085;
    public const int MissedTicksSkipped = 5086;
    public const int ScheduleChanged = 5087;
    public const int ScheduleInvalid = 5088;
    public const int NoNextOccurrence = 5089;
    public const int RecordNotWritten = 5090;
    public const int TickSkippedWhileRunning = 5091;
    public const int TickNotClaimed = 5092;
    public const int RecordNotRead = 5093;
    public const int DueJobsMoved = 5094;
    public const int DueJobDropped = 5095;
}
