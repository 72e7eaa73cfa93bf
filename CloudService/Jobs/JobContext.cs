using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;
using BackgroundRoles.Jobs.Queues;

namespace BackgroundRoles.Jobs;

/// <summary>One attempt of one job, as a handler sees it.</summary>
public sealed class JobContext
{
    private readonly MessageLease _lease;
    private readonly JobStatusStore? _statuses;
    private readonly Func<CancellationToken, Task> _ensureRunning;
    private readonly RunOnceGuard _runOnce;
    private readonly TimeSpan _visibilityTimeout;
    private readonly TimeProvider _clock;
    private readonly string _attemptId = Guid.NewGuid().ToString("N");
    private JobEnvelope _envelope;

    internal JobContext(JobEnvelope envelope, string payload, MessageLease lease, JobStatusStore? statuses, Func<CancellationToken, Task> ensureRunning, RunOnceGuard runOnce, TimeSpan visibilityTimeout, TimeProvider clock)
    {
        _ensureRunning = ensureRunning;
        _clock = clock;
        _envelope = envelope;
        _lease = lease;
        _statuses = statuses;
        _runOnce = runOnce;
        _visibilityTimeout = visibilityTimeout;
        Payload = payload;
    }

    public string JobId => _envelope.JobId;

    public string JobType => _envelope.JobType;

    public string QueueName => _lease.QueueName;

    /// <summary>The payload's JSON text as submitted; a claim-checked payload is already downloaded.</summary>
    public string Payload { get; }

    /// <summary>How many times the message has been fetched, this attempt included (1 on the first attempt).</summary>
    public int DequeueCount => _lease.DequeueCount;

    /// <summary>The checkpoint the message carries: saved by an earlier attempt, or by this one.</summary>
    public string? Checkpoint => _envelope.Checkpoint;

    public string? CorrelationId => _envelope.CorrelationId;

    /// <summary>
    /// Writes <paramref name="checkpoint"/> into the message itself (Update Message: content and a fresh visibility
    /// timeout, with the newest pop receipt), so the next attempt, on any worker, starts from it.
    /// </summary>
    /// <exception cref="ArgumentException">The message with the checkpoint would exceed <see cref="JobDefaults.MaxMessageBytes"/>.</exception>
    /// <exception cref="InvalidOperationException">This worker no longer holds the message.</exception>
    public async Task SaveCheckpointAsync(string checkpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var updated = _envelope with { Checkpoint = checkpoint };
        var text = updated.ToText();
        if (JobEnvelope.ByteCount(text) > JobDefaults.MaxMessageBytes)
        {
            throw new ArgumentException($"The checkpoint makes the message larger than {JobDefaults.MaxMessageBytes} bytes.", nameof(checkpoint));
        }

        if (!await _lease.UpdateContentAsync(text, _visibilityTimeout, ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Job {JobId}: this worker no longer holds the message, so the checkpoint was not saved.");
        }

        _envelope = updated;
    }

    /// <summary>
    /// Records progress (clamped to 0..100) in the job's status while it runs, writing Running first if it was not
    /// yet (a job that reports progress is no quick one); nothing when the processor keeps no status.
    /// </summary>
    public async Task ReportProgressAsync(int percent, CancellationToken ct)
    {
        if (_statuses is null)
        {
            return;
        }

        await _ensureRunning(ct).ConfigureAwait(false);
        var progress = Math.Clamp(percent, 0, 100);
        await _statuses.UpdateAsync(JobId, JobType, status => status.State == JobState.Running ? status with { Progress = progress } : null, ct, clock: _clock).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="sideEffect"/> at most once per (job id, <paramref name="name"/>), across redeliveries and
    /// crashed workers, through an ETag-guarded idempotency record in table storage. Returns false, without running
    /// it, when it already completed. When another worker holds a running copy, this waits for it. A side effect that
    /// throws is recorded as failed and may run again on a later attempt; so may one whose worker died in the middle.
    /// </summary>
    public Task<bool> RunOnceAsync(string name, Func<CancellationToken, Task> sideEffect, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(sideEffect);
        return _runOnce.RunAsync(JobId, name, _attemptId, sideEffect, ct);
    }
}
