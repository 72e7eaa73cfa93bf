using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>
/// The Running record of one attempt, written once: after <see cref="QueueProcessorOptions.RunningStatusDelay"/>
/// while the handler still runs, or at once when the handler reports progress. A job that finishes sooner never
/// gets one. <see cref="DisposeAsync"/> stops it and waits for a write under way, so a Running record never lands
/// after the attempt's final one.
/// </summary>
internal sealed class RunningStatus : IAsyncDisposable
{
    private readonly StatusWriter _statuses;
    private readonly MessageContext _message;
    private readonly JobEnvelope _envelope;
    private readonly ILogger _logger;
    private readonly CancellationToken _processing;
    private readonly CancellationTokenSource _timer = new();
    private readonly Lock _lock = new();
    private Task? _write;
    private bool _stopped;

    public RunningStatus(StatusWriter statuses, MessageContext message, JobEnvelope envelope, ILogger logger, CancellationToken processing)
    {
        _statuses = statuses;
        _message = message;
        _envelope = envelope;
        _logger = logger;
        _processing = processing;
    }

    /// <summary>Writes Running once <paramref name="delay"/> has passed on the run's clock, unless stopped before.</summary>
    public void WriteAfter(TimeSpan delay) => _ = WriteLaterAsync(delay);

    /// <summary>Writes Running now, or waits for the write already made or under way.</summary>
    public Task EnsureAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return Task.CompletedTask;
            }

            _write ??= WriteAsync();
            return _write.WaitAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? write;
        lock (_lock)
        {
            _stopped = true;
            write = _write;
        }

        await _timer.CancelAsync().ConfigureAwait(false);
        _timer.Dispose();
        if (write is not null)
        {
            try
            {
                await write.ConfigureAwait(false);
            }
            catch (Exception exception) when (!Fatal.IsFatal(exception))
            {
                // Already logged by the timer's write, or thrown to the handler that asked for it.
            }
        }
    }

    private async Task WriteLaterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _message.TimeProvider, _timer.Token).ConfigureAwait(false);
            await EnsureAsync(_processing).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The attempt ended first: no Running record.
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            PipelineLog.RunningNotWritten(_logger, _envelope.JobId, _message.QueueName, exception);
        }
    }

    private Task WriteAsync()
    {
        var startedAt = _message.StartedAt ?? _message.TimeProvider.GetUtcNow();
        var attempt = _message.DequeueCount;
        // A claimed job (JobClaim) is Running for this attempt already.
        return _statuses.UpdateAsync(_message, _envelope, status => status.IsFinal || (status.State == JobState.Running && status.Attempts == attempt) ? null : status with
        {
            State = JobState.Running,
            StartedAt = startedAt,
            Attempts = attempt,
        }, _processing);
    }
}
