using System.Globalization;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// The <c>id:</c> of one job event: <c>{UpdatedAt ticks}-{State}-{Progress}</c>, for example
/// <c>639001234567890123-Running-50</c>. It names the snapshot the client last saw, so a reconnect with
/// <c>Last-Event-ID</c> (to this instance or another) skips the record while its state and progress are still those,
/// without the server keeping anything per client. The ticks order the events and make an id unique per write.
/// </summary>
internal readonly record struct JobEventId(long Ticks, JobState State, int Progress)
{
    public static JobEventId Of(JobStatus status) => new(status.UpdatedAt.UtcTicks, status.State, status.Progress);

    /// <summary>Reads an id this stream sent; false for anything else (the caller answers 400).</summary>
    public static bool TryParse(string text, out JobEventId id)
    {
        id = default;
        var parts = text.Split('-');
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !Enum.TryParse<JobState>(parts[1], ignoreCase: false, out var state)
            || !Enum.IsDefined(state)
            || parts[1] != state.ToString()
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var progress)
            || progress > 100)
        {
            return false;
        }

        id = new JobEventId(ticks, state, progress);
        return true;
    }

    /// <summary>True when <paramref name="status"/> shows what this event showed: same state, same progress.</summary>
    public bool Shows(JobStatus status) => status.State == State && status.Progress == Progress;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ticks}-{State}-{Progress}");
}
