using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Scheduling;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Tests.ScheduleRole.Internal;

/// <summary>
/// The scheduled job's body: records the run (one row per tick, the insert failing on a second run of the same tick,
/// which is then recorded as a duplicate), waits its run time on the run's token, and records the end.
/// </summary>
internal sealed class TickJob(DocumentTable<TickRecord> table, string job, TimeSpan runTime, TimeProvider clock, ILogger logger)
{
    public async Task RunAsync(ScheduledRun run, CancellationToken ct)
    {
        var record = new TickRecord
        {
            Tick = run.Tick,
            Kind = run.Kind.ToString(),
            Instance = run.InstanceId,
            ClaimedAt = run.StartedAt,
            Start = clock.GetUtcNow(),
            Outcome = "Running",
        };
        var lateness = record.Start - run.Tick;
        var key = ScheduleRoleRecords.TickKey(run.Tick);
        if (!await table.TryInsertAsync(ScheduleRoleRecords.TicksPartition(job), key, record, ct).ConfigureAwait(false))
        {
            // Not thrown: the run goes on, so a test sees every duplicate rather than a restarted task.
            ScheduleRoleLog.Duplicate(logger, job, run.Tick, run.InstanceId);
            await table.TryInsertAsync(ScheduleRoleRecords.DuplicatesPartition(job), $"{key}.{run.InstanceId}.{Guid.NewGuid():N}", record, ct).ConfigureAwait(false);
            return;
        }

        ScheduleRoleLog.RunStarted(logger, job, run.Tick, run.Kind.ToString(), run.InstanceId, lateness.TotalMilliseconds);
        try
        {
            if (runTime > TimeSpan.Zero)
            {
                await Task.Delay(runTime, clock, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            ScheduleRoleLog.RunCancelled(logger, job, run.Tick, run.InstanceId, clock.GetUtcNow() - record.Start);
            await EndAsync(key, record with { End = clock.GetUtcNow(), Outcome = "Cancelled" }).ConfigureAwait(false);
            throw;
        }

        await EndAsync(key, record with { End = clock.GetUtcNow(), Outcome = "Succeeded" }).ConfigureAwait(false);
    }

    /// <summary>Writes the end under a budget of its own (the run's token may be cancelled); storage may be out, which is logged.</summary>
    private async Task EndAsync(string key, TickRecord record)
    {
        using var budget = new CancellationTokenSource(ScheduleRoleDefaults.EndWriteBudget, clock);
        try
        {
            await table.UpsertAsync(ScheduleRoleRecords.TicksPartition(job), key, record, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JobStorageException or OperationCanceledException)
        {
            ScheduleRoleLog.NotRecorded(logger, job, exception.Message);
        }
    }
}
