namespace BackgroundRoles.Supervision;

/// <summary>
/// The stages of a graceful stop, all derived from one stop budget (<see cref="FromBudget"/>), so that every
/// party to a stop (the role host, the supervisor, a queue processor) works to the same clock and what a stop
/// holds is released before the process exits:
/// <list type="number">
/// <item><see cref="Drain"/>: work in flight may finish;</item>
/// <item><see cref="Release"/>: what unfinished work holds is handed back (a queue message made visible, its
/// status set back), under a token of its own;</item>
/// <item><see cref="HandlerGrace"/>: cancelled work may end by itself;</item>
/// <item><see cref="HostReserve"/>: kept for the host, after the supervisor's stop, to finish and exit.</item>
/// </list>
/// The four add up to <see cref="Budget"/>. A supervised task gets <see cref="TaskGrace"/> (the first three) after
/// its cancellation in a stop, however short its <see cref="RestartPolicy.CancellationGrace"/>.
/// </summary>
public sealed record StopStages
{
    private StopStages(TimeSpan budget, TimeSpan drain, TimeSpan release, TimeSpan handlerGrace, TimeSpan hostReserve)
    {
        Budget = budget;
        Drain = drain;
        Release = release;
        HandlerGrace = handlerGrace;
        HostReserve = hostReserve;
    }

    /// <summary>The whole stop: the role's stop budget.</summary>
    public TimeSpan Budget { get; }

    /// <summary>How long work in flight may go on finishing before it is cancelled.</summary>
    public TimeSpan Drain { get; }

    /// <summary>How long handing back what unfinished work holds may take.</summary>
    public TimeSpan Release { get; }

    /// <summary>How long cancelled work may take to end before it is reported as leaked.</summary>
    public TimeSpan HandlerGrace { get; }

    /// <summary>What the host keeps of the budget for itself, after the supervisor's stop.</summary>
    public TimeSpan HostReserve { get; }

    /// <summary>How long the supervisor waits for its tasks in a stop: <see cref="Drain"/> + <see cref="Release"/> + <see cref="HandlerGrace"/>.</summary>
    public TimeSpan TaskGrace => Drain + Release + HandlerGrace;

    /// <summary>
    /// The stages of <paramref name="budget"/>: the host reserve, the release and the handler grace each take a
    /// share of it up to a cap (<see cref="SupervisorDefaults"/>: 10 % up to 5 s, 10 % up to 30 s, 5 % up to
    /// 10 s), and the drain the rest. Five minutes give a 4 min 15 s drain, 30 s of release, 10 s of handler grace
    /// and 5 s for the host.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is negative.</exception>
    public static StopStages FromBudget(TimeSpan budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, TimeSpan.Zero);
        var hostReserve = Share(budget, SupervisorDefaults.StopHostReserveShare, SupervisorDefaults.MaxStopHostReserve);
        var release = Share(budget, SupervisorDefaults.StopReleaseShare, SupervisorDefaults.MaxStopRelease);
        var handlerGrace = Share(budget, SupervisorDefaults.StopHandlerGraceShare, SupervisorDefaults.MaxStopHandlerGrace);
        return new StopStages(budget, budget - hostReserve - release - handlerGrace, release, handlerGrace, hostReserve);
    }

    private static TimeSpan Share(TimeSpan budget, double share, TimeSpan cap)
    {
        var part = TimeSpan.FromTicks((long)(budget.Ticks * share));
        return part < cap ? part : cap;
    }
}
