using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>
/// Runs a job's side effect at most once per (job id, name) through an idempotency record in
/// <see cref="JobDefaults.EffectsTable"/>:
/// <list type="number">
/// <item>no record: insert one (Started, this attempt, lease) and run; a conflicting insert means another worker
/// won the race, so read again;</item>
/// <item>Completed: do not run, return false;</item>
/// <item>Started by another attempt whose lease has not ended: that worker is running it now; wait and read again;</item>
/// <item>Failed, or Started with an ended lease (its worker died): take it over with an ETag-guarded replace and run.</item>
/// </list>
/// After the side effect the record becomes Completed (or Failed when it threw). A worker that dies after the side
/// effect and before its message is deleted leaves Completed behind, so the redelivered message does not repeat
/// it. A worker that dies in the middle of the side effect leaves a Started record; once its lease ends the side
/// effect runs again, since nobody can know how far it got.
/// <para>
/// Leases, waits and record times are on <paramref name="timeProvider"/>: the handler step makes one guard per
/// message on the processor's clock for the run, so a fake clock governs the guard like every other step.
/// </para>
/// </summary>
internal sealed class RunOnceGuard(DocumentTable<EffectRecord> table, TimeProvider timeProvider, TimeSpan lease, TimeSpan completionTimeout)
{
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(1);

    public async Task<bool> RunAsync(string jobId, string name, string owner, Func<CancellationToken, Task> sideEffect, CancellationToken ct)
    {
        var key = StorageNames.Key(name);
        while (true)
        {
            var current = await table.GetAsync(jobId, key, ct).ConfigureAwait(false);
            var now = timeProvider.GetUtcNow();
            var started = new EffectRecord(EffectState.Started, owner, now + lease, now);
            if (current is null)
            {
                if (!await table.TryInsertAsync(jobId, key, started, ct).ConfigureAwait(false))
                {
                    continue;
                }
            }
            else if (current.Value.State == EffectState.Completed)
            {
                return false;
            }
            else if (current.Value.State == EffectState.Started && current.Value.Owner != owner && current.Value.LeaseUntil > now)
            {
                var wait = TimeSpan.FromTicks(Math.Min(MaxPollInterval.Ticks, lease.Ticks / 10));
                await Task.Delay(wait, timeProvider, ct).ConfigureAwait(false);
                continue;
            }
            else if (!await table.TryReplaceAsync(jobId, key, started, current.ETag, ct).ConfigureAwait(false))
            {
                continue;
            }

            await RunClaimedAsync(jobId, key, owner, sideEffect, ct).ConfigureAwait(false);
            return true;
        }
    }

    private async Task RunClaimedAsync(string jobId, string key, string owner, Func<CancellationToken, Task> sideEffect, CancellationToken ct)
    {
        try
        {
            await sideEffect(ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            await MarkAsync(jobId, key, owner, EffectState.Failed).ConfigureAwait(false);
            throw;
        }

        await MarkAsync(jobId, key, owner, EffectState.Completed).ConfigureAwait(false);
    }

    private async Task MarkAsync(string jobId, string key, string owner, EffectState state)
    {
        // The record must be written even when the handler is being cancelled: the side effect has happened.
        using var timeout = new CancellationTokenSource(completionTimeout, timeProvider);
        var now = timeProvider.GetUtcNow();
        try
        {
            await table.UpsertAsync(jobId, key, new EffectRecord(state, owner, now, now), timeout.Token).ConfigureAwait(false);
        }
        catch (JobStorageException) when (state == EffectState.Failed)
        {
            // Best effort: a Started record whose lease ends is taken over anyway.
        }
    }
}
