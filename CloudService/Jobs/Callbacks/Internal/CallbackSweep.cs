using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>
/// The supervised task that makes callbacks at least once: every <see cref="CallbackOptions.SweepInterval"/> (the
/// shortest of its queues'), for each queue, it lists the rows whose claim ran out (their sender stopped and handed
/// them back, or died), claims each by an ETag-guarded replace, and delivers the ones it won with a sender of that
/// queue's options, from the attempt count the row holds. Any number of instances may sweep the same table: a row
/// another sweep claimed first is skipped, so no two send it at once. A sweep that fails (storage) is logged and
/// tried again at the next interval.
/// </summary>
internal sealed class CallbackSweep : IBackgroundTask
{
    private readonly IReadOnlyList<(string Queue, CallbackSender Sender)> _queues;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly TimeProvider? _timeProvider;

    public CallbackSweep(string name, JobStorage storage, IReadOnlyList<(string Queue, CallbackOptions Options)> queues, ILogger logger, TimeProvider? timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfZero(queues.Count);
        Name = name;
        _queues = [.. queues.Select(queue => (queue.Queue, new CallbackSender(storage, queue.Options, logger)))];
        _interval = queues.Min(queue => queue.Options.SweepInterval);
        _logger = logger;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = _timeProvider ?? context.TimeProvider;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                context.Heartbeat();
                await SweepAsync(clock, cancellationToken).ConfigureAwait(false);
                await Task.Delay(_interval, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the deliveries started here hand their rows back below.
        }
        finally
        {
            foreach (var (_, sender) in _queues)
            {
                await sender.StopAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task SweepAsync(TimeProvider clock, CancellationToken ct)
    {
        foreach (var (queue, sender) in _queues)
        {
            try
            {
                var claimed = 0;
                var now = clock.GetUtcNow();
                foreach (var row in await sender.Store.ListClaimableAsync(queue, now, JobDefaults.CallbackSweepBatch, ct).ConfigureAwait(false))
                {
                    var options = sender.Options;
                    var start = row.Value.NextAttemptAt > now ? row.Value.NextAttemptAt : now;
                    var claim = row.Value with { Owner = sender.Owner, ClaimedUntil = start + options.AttemptTimeout + options.ClaimGrace };
                    if (await sender.Store.TryReplaceAsync(queue, claim, row.ETag, ct).ConfigureAwait(false) is { } etag)
                    {
                        sender.Start(queue, new Document<CallbackRecord>(claim, etag), null, clock);
                        claimed++;
                    }
                }

                if (claimed > 0)
                {
                    CallbackLog.Swept(_logger, claimed, queue);
                }
            }
            catch (Exception exception) when (!Fatal.IsFatal(exception) && !ct.IsCancellationRequested)
            {
                CallbackLog.SweepFailed(_logger, queue, exception);
            }
        }
    }
}
