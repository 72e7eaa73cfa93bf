namespace BackgroundRoles.Jobs.Internal;

/// <summary>Event ids of the jobs library's log messages: the range 5000-5099 belongs to storage-backed jobs.</summary>
internal static class JobEventIds
{
    public const int ProcessorStarting = 5000;
    public const int ProcessorStopped = 5001;
    public const int QueuesDiscovered = 5002;
    public const int PollFailed = 5003;
    public const int PollFailedAgain = 5004;
    public const int PollFailingRepeatedly = 5005;
    public const int PollRecovered = 5006;
    public const int JobStarted = 5010;
    public const int JobSucceeded = 5011;
    public const int JobFailed = 5012;
    public const int JobPoisoned = 5013;
    public const int DuplicateDeleted = 5014;
    public const int StaleSkipped = 5015;
    public const int WaitingForPredecessor = 5016;
    public const int LeaseLost = 5017;
    public const int ProcessingFailed = 5018;
    public const int RenewalFailed = 5019;
    public const int Draining = 5020;
    public const int DrainTimedOut = 5021;
    public const int ReleasedOnStop = 5022;
    public const int HandlersLeaked = 5023;
    public const int ReplyFailed = 5024;
    public const int QueueMissing = 5025;
    public const int JobEndedFailed = 5026;
    public const int ProcessingRetried = 5027;
    public const int ReleaseFailed = 5028;
    public const int StatusNotUpdated = 5029;
    public const int LateFailureIgnored = 5030;
    public const int RunningNotWritten = 5045;
    public const int CancelledDropped = 5046;
    public const int CallbackDelivered = 5031;
    public const int CallbackRetrying = 5032;
    public const int CallbackGaveUp = 5033;
    public const int CallbackRefused = 5034;
    public const int CallbackNotRecorded = 5035;
    public const int CallbackSwept = 5036;
    public const int CallbackClaimLost = 5037;
    public const int CallbackSweepFailed = 5038;
    public const int CallbackNotReleased = 5039;
    public const int CallbackInterrupted = 5040;
}
