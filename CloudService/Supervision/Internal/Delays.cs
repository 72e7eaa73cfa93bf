namespace BackgroundRoles.Supervision.Internal;

internal static class Delays
{
    /// <summary>
    /// The longest single timer the supervisor sets, since Task.Delay rejects delays beyond about 49 days. The watch
    /// loop re-checks on waking, so a long healthy period or stall timeout is waited for in steps; a stop waits for
    /// its tasks at most this long.
    /// </summary>
    public static readonly TimeSpan MaxTimer = TimeSpan.FromDays(1);

    public static TimeSpan Clamp(TimeSpan delay) => delay > MaxTimer ? MaxTimer : delay;
}
