namespace BackgroundRoles.Tests.ScheduleRole;

/// <summary>
/// One holding of the singleton by one instance: written when its task starts on that instance and then at every
/// heartbeat while it runs, only by that instance. <see cref="Start"/> to <see cref="LastSeen"/> is a time the instance
/// ran the task; two holdings that overlap would be two instances running it at once.
/// </summary>
public sealed record HoldRecord
{
    /// <summary>The instance holding it.</summary>
    public required string Instance { get; init; }

    /// <summary>When the task started on that instance.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The last heartbeat: the task was running then (the clock is read before the write is sent).</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Heartbeats so far.</summary>
    public required long Beats { get; init; }
}
