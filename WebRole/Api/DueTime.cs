using System.Globalization;
using BackgroundRoles.Jobs;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// The due time and cancellability a submission asks for in its query: <c>runAt</c> (ISO 8601; without an offset it
/// is UTC) or <c>delay</c> (seconds, zero or more), at most <see cref="WebRoleDefaults.MaxDueAhead"/> ahead, and
/// <c>cancellable</c> (true or false). Every problem is reported by its parameter's name.
/// </summary>
internal static class DueTime
{
    public const string RunAtParameter = "runAt";
    public const string DelayParameter = "delay";
    public const string CancellableParameter = "cancellable";

    public static (SubmitOptions Options, Dictionary<string, string[]> Errors) Read(HttpRequest request, SubmitOptions options, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = request.Query;
        var runAtText = query.TryGetValue(RunAtParameter, out var runAtValues) ? runAtValues.ToString() : null;
        var delayText = query.TryGetValue(DelayParameter, out var delayValues) ? delayValues.ToString() : null;
        if (runAtText is not null && delayText is not null)
        {
            errors[RunAtParameter] = [$"Give '{RunAtParameter}' or '{DelayParameter}', not both."];
            return (options, errors);
        }

        if (runAtText is not null)
        {
            if (!DateTimeOffset.TryParse(runAtText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var runAt))
            {
                errors[RunAtParameter] = [$"'{Printable(runAtText)}' is not an ISO 8601 date and time (for example 2030-01-31T09:00:00Z)."];
            }
            else if (runAt - now > WebRoleDefaults.MaxDueAhead)
            {
                errors[RunAtParameter] = [$"At most {WebRoleDefaults.MaxDueAhead.TotalDays:F0} days ahead."];
            }
            else
            {
                options = options with { RunAt = runAt };
            }
        }

        if (delayText is not null)
        {
            if (!double.TryParse(delayText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
            {
                errors[DelayParameter] = [$"'{Printable(delayText)}' is not a number of seconds (zero or more)."];
            }
            else if (seconds > WebRoleDefaults.MaxDueAhead.TotalSeconds)
            {
                errors[DelayParameter] = [$"At most {WebRoleDefaults.MaxDueAhead.TotalSeconds:F0} seconds ({WebRoleDefaults.MaxDueAhead.TotalDays:F0} days)."];
            }
            else
            {
                options = options with { Delay = TimeSpan.FromSeconds(seconds) };
            }
        }

        if (query.TryGetValue(CancellableParameter, out var cancellableValues))
        {
            if (bool.TryParse(cancellableValues.ToString(), out var cancellable))
            {
                options = options with { Cancellable = cancellable };
            }
            else
            {
                errors[CancellableParameter] = [$"'{Printable(cancellableValues.ToString())}' is not true or false."];
            }
        }

        return (options, errors);
    }

    /// <summary>What the client sent, cut short and without control characters, to quote in an error.</summary>
    private static string Printable(string text)
    {
        var cut = text.Length > 64 ? text[..64] + "..." : text;
        return string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
    }
}
