using BackgroundRoles.Jobs;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Tests.ScheduleRole.Internal;

/// <summary>
/// The singleton's body: while it runs, it writes its holding (instance, start, last heartbeat) every heartbeat, until
/// its token is cancelled (a lost lease or a stop), which it logs with how long it held.
/// </summary>
internal sealed class HolderTask(string name, string instance, DocumentTable<HoldRecord> table, TimeSpan heartbeat, TimeProvider clock, ILogger logger) : IBackgroundTask
{
    public string Name => name;

    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        var start = clock.GetUtcNow();
        var key = $"{instance}.{start.UtcTicks:D19}";
        ScheduleRoleLog.HoldStarted(logger, name, instance, start);
        var beats = 0L;
        try
        {
            while (true)
            {
                context.Heartbeat();
                var record = new HoldRecord { Instance = instance, Start = start, LastSeen = clock.GetUtcNow(), Beats = ++beats };
                try
                {
                    await table.UpsertAsync(ScheduleRoleRecords.HoldsPartition(name), key, record, cancellationToken).ConfigureAwait(false);
                }
                catch (JobStorageException exception)
                {
                    // Storage out: the lease's renewal decides whether this instance still holds it; this only records.
                    ScheduleRoleLog.NotRecorded(logger, name, exception.Message);
                }

                await Task.Delay(heartbeat, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ScheduleRoleLog.HoldEnded(logger, name, instance, clock.GetUtcNow() - start, beats);
            throw;
        }
    }
}
