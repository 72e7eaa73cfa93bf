namespace BackgroundRoles.Supervision.Internal;

/// <summary>
/// Counts one task's restarts: in total, within the sliding restart window, and in a row since its last healthy
/// run. Not thread-safe; the owning <see cref="TaskRunner"/> calls it under its lock.
/// </summary>
internal sealed class RestartTracker(TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _recent = new();

    public int Total { get; private set; }

    /// <summary>Failures since the last healthy run.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Restarts within the window ending at <paramref name="now"/>.</summary>
    public int CountRecent(DateTimeOffset now)
    {
        while (_recent.TryPeek(out DateTimeOffset oldest) && oldest <= now - window)
        {
            _recent.Dequeue();
        }

        return _recent.Count;
    }

    /// <summary>Whether one more restart at <paramref name="now"/> would exceed <paramref name="maxRestarts"/>.</summary>
    public bool WouldExceed(DateTimeOffset now, int maxRestarts) => CountRecent(now) + 1 > maxRestarts;

    public void RecordRestart(DateTimeOffset now)
    {
        Total++;
        ConsecutiveFailures++;
        _recent.Enqueue(now);
    }

    /// <summary>Marks a healthy run; returns how many failures in a row it ended.</summary>
    public int MarkHealthy()
    {
        int ended = ConsecutiveFailures;
        ConsecutiveFailures = 0;
        return ended;
    }
}
