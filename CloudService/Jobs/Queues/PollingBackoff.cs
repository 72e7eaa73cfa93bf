namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// Randomized exponential backoff between polls: each empty poll doubles the wait (with ±20% jitter) from the
/// minimum up to the maximum; messages bring it back to the minimum. Never zero.
/// </summary>
internal sealed class PollingBackoff(TimeSpan minimum, TimeSpan maximum, Random random)
{
    private int _emptyPolls;

    public TimeSpan Next(bool foundMessages)
    {
        if (foundMessages)
        {
            _emptyPolls = 0;
            return minimum;
        }

        _emptyPolls = Math.Min(_emptyPolls + 1, 30);
        var grown = minimum.Ticks * Math.Pow(2, _emptyPolls);
        var jittered = grown * (0.8 + (0.4 * random.NextDouble()));
        return jittered >= maximum.Ticks ? maximum : TimeSpan.FromTicks(Math.Max(minimum.Ticks, (long)jittered));
    }
}
