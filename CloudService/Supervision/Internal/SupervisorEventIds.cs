namespace BackgroundRoles.Supervision.Internal;

/// <summary>Event ids of the supervisor's log messages: the range 2000-2099 belongs to supervision.</summary>
internal static class SupervisorEventIds
{
    public const int Starting = 2000;
    public const int TaskStarted = 2001;
    public const int TaskFailed = 2002;
    public const int TaskFailedAgain = 2003;
    public const int TaskFailingRepeatedly = 2004;
    public const int TaskRecovered = 2005;
    public const int TaskStalled = 2006;
    public const int TaskLeaked = 2007;
    public const int LeakedTaskEnded = 2008;
    public const int TaskFailedWhileStopping = 2009;
    public const int Escalating = 2010;
    public const int FatalError = 2011;
    public const int Frozen = 2012;
    public const int Unfrozen = 2013;
    public const int Stopping = 2014;
    public const int TaskDidNotStop = 2015;
    public const int Stopped = 2016;
    public const int HealthChangedHandlerFailed = 2017;
    public const int TaskDegraded = 2018;
    public const int PeriodicRunSkipped = 2019;
    public const int SettingsChangedHandlerFailed = 2020;
}
