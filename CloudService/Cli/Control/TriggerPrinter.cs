using System.Globalization;
using BackgroundRoles.Jobs.Inspection;

namespace BackgroundRoles.Cli.Control;

/// <summary>Prints a role's blob triggers: one row each (container, pattern, cursor, receipts by state), then its newest failed versions.</summary>
internal static class TriggerPrinter
{
    private const int MaxShownError = 160;
    private const int MaxShownName = 60;

    public static void Print(IReadOnlyList<BlobTriggerSummary> triggers, TextWriter output)
    {
        if (triggers.Count == 0)
        {
            return;
        }

        output.WriteLine($"  {"TRIGGER",-32} {"CONTAINER / PATTERN",-32} {"CURSOR (UTC)",-19} {"RUNNING",7} {"RETRYING",8} {"SUCCEEDED",9} {"FAILED",6} {"POISONED",8}");
        foreach (var trigger in triggers)
        {
            var watched = string.IsNullOrEmpty(trigger.NamePattern) ? trigger.Container ?? "?" : $"{trigger.Container ?? "?"} {trigger.NamePattern}";
            var more = trigger.CountsComplete ? string.Empty : "+";
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {trigger.Name,-32} {Cut(watched, 32),-32} {Time(trigger.Cursor),-19} {trigger.Running + more,7} {trigger.Retrying + more,8} {trigger.Succeeded + more,9} {trigger.Failed + more,6} {trigger.Poisoned + more,8}"));
            foreach (var failure in trigger.NewestFailures)
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"    {failure.State.ToString().ToLowerInvariant()} {Cut(OneLine(failure.BlobName), MaxShownName)} after {failure.Attempts} attempt(s) at {Time(failure.UpdatedAt)}: {Cut(OneLine(failure.Error ?? "(no error kept)"), MaxShownError)}"));
            }
        }
    }

    /// <summary>Text from storage on one line: control characters (a multi-line error, a name with a newline) escaped.</summary>
    private static string OneLine(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));

    /// <summary>A long blob name or error cut to fit a line, with an ellipsis.</summary>
    private static string Cut(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    private static string Time(DateTimeOffset time) =>
        time == DateTimeOffset.MinValue ? "-" : time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
