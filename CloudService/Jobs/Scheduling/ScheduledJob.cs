using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Scheduling.Internal;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>
/// A cron-scheduled job as a background task: it waits on the clock for each occurrence and runs the job on exactly one
/// instance per tick (a lease per job, and the tick written in the job's <see cref="ScheduleRecord"/> so an instance
/// that comes later for the same tick does not run it again). Runs never overlap: a tick that comes while a run is
/// still going, here or on another instance, is skipped and logged. A run that throws fails the task, which restarts
/// by its restart policy; the schedule goes on after the restart.
/// </summary>
public sealed partial class ScheduledJob : IBackgroundTask
{
    private const int MissedCountCap = 10_000;

    private readonly ScheduleOptions _options;
    private readonly Func<ScheduledRun, CancellationToken, Task> _job;
    private readonly LeaseManager _leases;
    private readonly ScheduleRecords _records;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private CronSchedule _schedule;
    private string _rejected = string.Empty;
    private CancellationTokenSource _changed = new();
    private DateTimeOffset? _nextDue;
    private int _version;

    /// <summary>A scheduled job running <paramref name="job"/> with the leases of this instance.</summary>
    /// <exception cref="ArgumentException">A name, lease time or cron expression that cannot be used, said with the value.</exception>
    public ScheduledJob(ScheduleOptions options, Func<ScheduledRun, CancellationToken, Task> job, LeaseManager leases)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(leases);
        _schedule = options.Validate();
        _options = options;
        _job = job;
        _leases = leases;
        _records = new ScheduleRecords(leases.Storage);
        _logger = leases.LoggerFactory.CreateLogger<ScheduledJob>();
    }

    /// <inheritdoc/>
    public string Name => _options.Name;

    /// <summary>The schedule in use.</summary>
    public CronSchedule Schedule
    {
        get
        {
            lock (_gate)
            {
                return _schedule;
            }
        }
    }

    /// <summary>The occurrence this instance waits for; null while a run goes on or before the task started.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _nextDue;
            }
        }
    }

    /// <inheritdoc/>
    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = _leases.TimeProvider;
        Refresh(out _);
        ScheduleRecord? record = null;
        try
        {
            record = (await _records.EnsureAsync(NewRecord(clock.GetUtcNow()), cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (JobStorageException exception)
        {
            ScheduleLog.RecordNotRead(_logger, Name, exception.Message);
        }

        var startedAt = clock.GetUtcNow();
        ScheduleLog.Starting(_logger, Name, Schedule.ToString(), Schedule.GetNextOccurrence(startedAt));

        // Every occurrence up to the cursor has been dealt with (run here or elsewhere, or skipped).
        var cursor = startedAt;
        var ranAtStart = false;
        if (record?.NextDue is { } due && due <= startedAt && !(record.LastTick >= due))
        {
            var missed = Schedule.CountOccurrences(due, startedAt, MissedCountCap);
            if (_options.MissedTicks == MissedTickPolicy.RunOnceOnStart)
            {
                ScheduleLog.MissedRun(_logger, Name, missed, due);
                await ClaimAndRunAsync(due, ScheduledRunKind.MissedTick, readAhead: null, cancellationToken).ConfigureAwait(false);
                ranAtStart = true;
            }
            else
            {
                ScheduleLog.MissedSkipped(_logger, Name, missed, due);
            }
        }

        if (_options.RunOnStartup && !ranAtStart)
        {
            await ClaimAndRunAsync(startedAt, ScheduledRunKind.Startup, readAhead: null, cancellationToken).ConfigureAwait(false);
        }

        cursor = SkipOverrun(cursor, clock.GetUtcNow());
        var seen = Version;
        while (true)
        {
            context.Heartbeat();
            Refresh(out _);
            if (Version != seen)
            {
                // A new schedule counts from now: its occurrences before the change never fell due.
                seen = Version;
                cursor = Max(cursor, clock.GetUtcNow());
                await PublishScheduleAsync(cursor, cancellationToken).ConfigureAwait(false);
            }

            var (next, readAhead) = await WaitForNextAsync(cursor, cancellationToken).ConfigureAwait(false);
            if (next is null || clock.GetUtcNow() < next.Value || Version != seen)
            {
                // The schedule changed, or a capped wait ended before the tick: look again.
                continue;
            }

            await ClaimAndRunAsync(next.Value, ScheduledRunKind.Tick, readAhead, cancellationToken).ConfigureAwait(false);
            cursor = SkipOverrun(next.Value, clock.GetUtcNow());
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private int Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>
    /// Waits for the next occurrence after <paramref name="cursor"/>, at most <see cref="JobDefaults.MaxScheduleWait"/>;
    /// null when <see cref="Reschedule"/> changed the schedule meanwhile. With the occurrence comes the job's record,
    /// read <see cref="JobDefaults.ScheduleRecordLead"/> before it (null when the wait was capped).
    /// </summary>
    private async Task<(DateTimeOffset? Due, Task<Document<ScheduleRecord>?>? ReadAhead)> WaitForNextAsync(DateTimeOffset cursor, CancellationToken ct)
    {
        var clock = _leases.TimeProvider;
        CancellationToken changed;
        CronSchedule schedule;
        lock (_gate)
        {
            changed = _changed.Token;
            schedule = _schedule;
        }

        var next = schedule.GetNextOccurrence(cursor);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct, changed);
        try
        {
            if (next is not { } due)
            {
                ScheduleLog.NoNextOccurrence(_logger, Name, schedule.ToString());
                await Task.Delay(Timeout.InfiniteTimeSpan, clock, wake.Token).ConfigureAwait(false);
                return (null, null);
            }

            var wait = due - clock.GetUtcNow();
            var capped = wait > JobDefaults.MaxScheduleWait;
            var delay = wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(capped ? JobDefaults.MaxScheduleWait : wait, clock, wake.Token);

            // Its timer is made here too, before NextDue is published, so a test advancing a fake clock finds both in place.
            var readAhead = capped ? null : ReadAheadAsync(wait - JobDefaults.ScheduleRecordLead, wake.Token, ct);

            // Published once the timer exists, so whoever reads it (status, a test driving a fake clock) sees a wait in place.
            SetNextDue(due);
            await delay.ConfigureAwait(false);
            return (due, readAhead);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, null);
        }
        finally
        {
            SetNextDue(null);
        }
    }

    /// <summary>
    /// The record as it stands shortly before a tick, with its ETag: the claim replaces it at the tick without reading it
    /// first. Null when storage failed or the wait ended early (the claim then reads it under the lease); never throws.
    /// </summary>
    private async Task<Document<ScheduleRecord>?> ReadAheadAsync(TimeSpan wait, CancellationToken wake, CancellationToken ct)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _leases.TimeProvider, wake).ConfigureAwait(false);
            }

            return await _records.GetAsync(Name, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            return null;
        }
    }

    private void SetNextDue(DateTimeOffset? due)
    {
        lock (_gate)
        {
            _nextDue = due;
        }
    }

    /// <summary>After a run that ended at <paramref name="now"/>: the ticks that came while it ran are skipped and logged.</summary>
    private DateTimeOffset SkipOverrun(DateTimeOffset cursor, DateTimeOffset now)
    {
        if (Schedule.GetNextOccurrence(cursor) is { } first && first <= now)
        {
            ScheduleLog.SkippedWhileRunning(_logger, Name, Schedule.CountOccurrences(first, now, MissedCountCap), first);
            return now;
        }

        return cursor;
    }

    private ScheduleRecord NewRecord(DateTimeOffset now) => new()
    {
        Name = Name,
        Expression = Schedule.Expression,
        TimeZone = _options.TimeZone.Id,
        CreatedAt = now,
        NextDue = Schedule.GetNextOccurrence(now),
    };
}
