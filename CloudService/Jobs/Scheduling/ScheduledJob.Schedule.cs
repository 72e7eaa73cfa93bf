using BackgroundRoles.Jobs.Scheduling.Internal;

namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>A live schedule change: reading the expression again, and showing the new schedule in the record.</summary>
public sealed partial class ScheduledJob
{
    /// <summary>
    /// Reads the expression again (call it when its role setting changed). A new valid one replaces the schedule at
    /// once and the next occurrence is computed from now, without a restart; an invalid one is logged and the schedule
    /// kept. False when the expression is invalid.
    /// </summary>
    public bool Reschedule()
    {
        if (!Refresh(out var changed))
        {
            return false;
        }

        if (changed)
        {
            CancellationTokenSource previous;
            lock (_gate)
            {
                previous = _changed;
                _changed = new CancellationTokenSource();
            }

            previous.Cancel();
            previous.Dispose();
        }

        return true;
    }

    private string ExpressionSource => _options.ExpressionSource ?? "its expression";

    /// <summary>Reads the expression; false when invalid (logged once per text). <paramref name="changed"/> when a new schedule is in use.</summary>
    private bool Refresh(out bool changed)
    {
        changed = false;
        string? text;
        try
        {
            text = _options.Expression();
        }
#pragma warning disable CA1031 // A setting reader that throws must not stop the job: the schedule in use is kept.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ScheduleLog.Invalid(_logger, Name, ExpressionSource, $"reading it threw {exception.GetType().Name}: {exception.Message}.", Schedule.ToString());
            return false;
        }

        lock (_gate)
        {
            if (string.Equals(text?.Trim(), _schedule.Expression, StringComparison.Ordinal))
            {
                return true;
            }

            if (!CronSchedule.TryParse(text, _options.TimeZone, out var parsed, out var error))
            {
                if (!string.Equals(_rejected, text, StringComparison.Ordinal))
                {
                    _rejected = text ?? string.Empty;
                    ScheduleLog.Invalid(_logger, Name, ExpressionSource, error, _schedule.ToString());
                }

                return false;
            }

            var old = _schedule;
            _schedule = parsed;
            _version++;
            changed = true;
            ScheduleLog.Changed(_logger, Name, old.Expression, parsed.Expression, parsed.GetNextOccurrence(_leases.TimeProvider.GetUtcNow()));
            return true;
        }
    }

    /// <summary>
    /// Writes a changed schedule into the record, so status shows it before its first run; best effort, since the
    /// next run writes it anyway, and every instance that got the change tries (the first one's write is enough).
    /// </summary>
    private async Task PublishScheduleAsync(DateTimeOffset now, CancellationToken ct)
    {
        var schedule = Schedule;
        try
        {
            if (await _records.GetAsync(Name, ct).ConfigureAwait(false) is { } record && record.Value.Expression != schedule.Expression)
            {
                var updated = record.Value with { Expression = schedule.Expression, TimeZone = _options.TimeZone.Id, NextDue = schedule.GetNextOccurrence(now) };
                await _records.ReplaceAsync(updated, record.ETag, ct).ConfigureAwait(false);
            }
        }
        catch (JobStorageException exception)
        {
            ScheduleLog.RecordNotWritten(_logger, Name, exception.Message);
        }
    }
}
