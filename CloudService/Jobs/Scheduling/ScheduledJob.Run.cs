using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Leases.Internal;
using BackgroundRoles.Jobs.Scheduling.Internal;

namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>One run: claim the tick under the job's lease, run, write the outcome. The loop is in ScheduledJob.cs.</summary>
public sealed partial class ScheduledJob
{
    private string LeaseName => LeaseNames.SchedulePrefix + Name;

    /// <summary>
    /// Claims <paramref name="tick"/> and runs it. With <paramref name="readAhead"/> (the record read before the tick),
    /// only the lease acquire and the ETag-guarded replace stand before the job's code; without it, or when the record
    /// changed since it was read ahead, the record is read under the lease first.
    /// </summary>
    private async Task ClaimAndRunAsync(DateTimeOffset tick, ScheduledRunKind kind, Task<Document<ScheduleRecord>?>? readAhead, CancellationToken ct)
    {
        BlobLease? lease;
        try
        {
            lease = await _leases.TryAcquireAsync(LeaseName, _options.LeaseTime, ct).ConfigureAwait(false);
            if (lease is null)
            {
                await ReportTakenAsync(tick, ct).ConfigureAwait(false);
                return;
            }
        }
        catch (JobStorageException exception)
        {
            // Storage is out: no instance can claim the tick, so it is skipped rather than failing the task (whose
            // restarts would escalate to a recycle during an outage that a recycle does not cure).
            ScheduleLog.NotClaimed(_logger, Name, tick, exception.Message);
            return;
        }

        await using (lease.ConfigureAwait(false))
        {
            Document<ScheduleRecord> record;
            string? etag;
            var clock = _leases.TimeProvider;
            var started = clock.GetUtcNow();
            ScheduleRecord claimed;
            try
            {
                // The read ahead never throws; it ran beside the acquire when it had not ended by the tick.
                var ahead = readAhead is null ? null : await readAhead.ConfigureAwait(false);
                record = ahead ?? await ReadUnderLeaseAsync(ct).ConfigureAwait(false);
                while (true)
                {
                    if (record.Value.LastTick >= tick)
                    {
                        ScheduleLog.RanElsewhere(_logger, Name, tick);
                        return;
                    }

                    claimed = Claim(record.Value, tick, kind, started);

                    // The lease keeps other instances out, and the ETag makes sure: a writer that got in anyway (after
                    // this instance's lease was lost) wins, and this instance does not run the tick. The write is not
                    // cut by a stop, so a claim is never left half known: a stop that came meanwhile cancels the run.
                    using var budget = new CancellationTokenSource(JobDefaults.LeaseReleaseTimeout, clock);
                    etag = await _records.ReplaceAsync(claimed, record.ETag, budget.Token).ConfigureAwait(false);
                    if (etag is not null || ahead is null)
                    {
                        break;
                    }

                    // Written since the read ahead (the previous run's outcome landing late, a schedule change, or
                    // this tick claimed elsewhere): read under the lease, and the ETag guards the claim as before.
                    ahead = null;
                    record = await ReadUnderLeaseAsync(ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                ScheduleLog.NotClaimed(_logger, Name, tick, "the schedule record did not answer in time");
                return;
            }
            catch (JobStorageException exception)
            {
                ScheduleLog.NotClaimed(_logger, Name, tick, exception.Message);
                return;
            }

            if (etag is null)
            {
                ScheduleLog.RanElsewhere(_logger, Name, tick);
                return;
            }

            var (outcome, failure) = await RunJobAsync(new ScheduledRun(Name, tick, kind, _leases.InstanceId, started), lease, ct).ConfigureAwait(false);
            var ended = clock.GetUtcNow();
            await WriteOutcomeAsync(claimed with { LastRunEnd = ended, LastOutcome = outcome, LastDuration = ended - started, LastError = failure?.Message }, etag).ConfigureAwait(false);
            if (failure is null)
            {
                ScheduleLog.Ran(_logger, Name, tick, kind, _leases.InstanceId, ended - started);
                return;
            }

            if (outcome != ScheduleOutcome.Cancelled)
            {
                ScheduleLog.Failed(_logger, Name, tick, _leases.InstanceId, outcome, failure);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private async Task<Document<ScheduleRecord>> ReadUnderLeaseAsync(CancellationToken ct) =>
        await _records.GetAsync(Name, ct).ConfigureAwait(false)
            ?? await _records.EnsureAsync(NewRecord(_leases.TimeProvider.GetUtcNow()), ct).ConfigureAwait(false);

    private ScheduleRecord Claim(ScheduleRecord record, DateTimeOffset tick, ScheduledRunKind kind, DateTimeOffset started) => record with
    {
        Expression = Schedule.Expression,
        TimeZone = _options.TimeZone.Id,
        NextDue = Schedule.GetNextOccurrence(tick > started ? tick : started),
        LastTick = tick,
        LastKind = kind,
        LastRunStart = started,
        LastRunEnd = null,
        LastOutcome = ScheduleOutcome.Running,
        LastDuration = null,
        LastInstance = _leases.InstanceId,
        LastError = null,
        TotalRuns = record.TotalRuns + 1,
    };

    private async Task<(ScheduleOutcome Outcome, Exception? Failure)> RunJobAsync(ScheduledRun run, BlobLease lease, CancellationToken ct)
    {
        using var token = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.LostToken);
        try
        {
            ct.ThrowIfCancellationRequested();
            await _job(run, token.Token).ConfigureAwait(false);
            return lease.IsLost
                ? (ScheduleOutcome.LeaseLost, new LeaseLostException(lease.Name, "its renewal failed while the job ran"))
                : (ScheduleOutcome.Succeeded, null);
        }
        catch (Exception exception) when (lease.IsLost && !ct.IsCancellationRequested)
        {
            return (ScheduleOutcome.LeaseLost, new LeaseLostException(lease.Name, "its renewal failed while the job ran", exception));
        }
        catch (OperationCanceledException exception) when (ct.IsCancellationRequested)
        {
            return (ScheduleOutcome.Cancelled, exception);
        }
#pragma warning disable CA1031 // Any failure of the job is recorded, then thrown out of the task unchanged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return (ScheduleOutcome.Failed, exception);
        }
    }

    /// <summary>Writes how the run ended, under a budget of its own: the run's token may be cancelled by now.</summary>
    private async Task WriteOutcomeAsync(ScheduleRecord record, string etag)
    {
        using var timeout = new CancellationTokenSource(JobDefaults.LeaseReleaseTimeout, _leases.TimeProvider);
        try
        {
            if (await _records.ReplaceAsync(record, etag, timeout.Token).ConfigureAwait(false) is null)
            {
                ScheduleLog.RecordNotWritten(_logger, Name, "another instance wrote it meanwhile");
            }
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            ScheduleLog.RecordNotWritten(_logger, Name, exception.Message);
        }
    }

    /// <summary>The lease is held elsewhere: the same tick running there, or a run of an earlier tick still going (an overlap).</summary>
    private async Task ReportTakenAsync(DateTimeOffset tick, CancellationToken ct)
    {
        var record = await _records.GetAsync(Name, ct).ConfigureAwait(false);
        if (record?.Value is { LastOutcome: ScheduleOutcome.Running, LastTick: { } last } running && last < tick)
        {
            ScheduleLog.SkippedOverlap(_logger, Name, tick, running.LastInstance ?? "another instance");
        }
        else
        {
            ScheduleLog.RanElsewhere(_logger, Name, tick);
        }
    }
}
