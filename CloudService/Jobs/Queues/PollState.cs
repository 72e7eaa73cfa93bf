namespace BackgroundRoles.Jobs.Queues;

/// <summary>What the poll loop of one run remembers between polls.</summary>
internal sealed class PollState(PollingBackoff backoff)
{
    public PollingBackoff Backoff { get; } = backoff;

    /// <summary>Polls in a row that failed on storage.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Queues found by prefix at the last discovery.</summary>
    public IReadOnlyList<string> Discovered { get; set; } = [];

    /// <summary>When to list queues by prefix again; null before the first discovery.</summary>
    public DateTimeOffset? NextDiscovery { get; set; }
}
