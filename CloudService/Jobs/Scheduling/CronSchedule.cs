using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>
/// A cron expression in a time zone (Cronos): 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds
/// first, or a macro such as <c>@daily</c>. Across daylight saving changes, a time skipped by the clock runs at the
/// first moment after it, and a time that occurs twice runs once (expressions with a step in the hour or below run in
/// both).
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _cron;

    private CronSchedule(string expression, CronExpression cron, TimeZoneInfo timeZone)
    {
        Expression = expression;
        _cron = cron;
        TimeZone = timeZone;
    }

    /// <summary>The expression as given, trimmed.</summary>
    public string Expression { get; }

    /// <summary>The time zone it is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static CronSchedule Parse(string expression, TimeZoneInfo timeZone) =>
        TryParse(expression, timeZone, out var schedule, out var error) ? schedule : throw new FormatException(error);

    /// <summary>Parses <paramref name="expression"/>; false with the reason when it is not a usable cron expression.</summary>
    public static bool TryParse(string? expression, TimeZoneInfo timeZone, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        schedule = null;
        var text = expression?.Trim() ?? string.Empty;
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        CronFormat? format = fields switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            1 when text.StartsWith('@') => CronFormat.Standard,
            _ => null,
        };
        if (format is null)
        {
            error = $"The cron expression '{Jobs.Internal.StorageNames.Printable(text)}' has {fields} fields; it needs 5 (minute hour day-of-month month day-of-week) or 6 (seconds first).";
            return false;
        }

        try
        {
            schedule = new CronSchedule(text, CronExpression.Parse(text, format.Value), timeZone);
            error = null;
            return true;
        }
        catch (CronFormatException exception)
        {
            error = $"The cron expression '{Jobs.Internal.StorageNames.Printable(text)}' is not valid: {exception.Message}";
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), or null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after) =>
        _cron.GetNextOccurrence(after, TimeZone, inclusive: false)?.ToUniversalTime();

    /// <summary>How many occurrences fall from <paramref name="from"/> (inclusive) to <paramref name="to"/> (inclusive), counting at most <paramref name="cap"/>.</summary>
    public int CountOccurrences(DateTimeOffset from, DateTimeOffset to, int cap) =>
        from > to ? 0 : _cron.GetOccurrences(from, to, TimeZone, fromInclusive: true, toInclusive: true).Take(cap).Count();

    /// <inheritdoc/>
    public override string ToString() => $"{Expression} ({TimeZone.Id})";
}
