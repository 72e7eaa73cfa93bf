using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Triggers.Internal;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Triggers;

/// <summary>
/// Runs a handler for every new or changed blob (every version, by ETag) in a container, once, across the
/// instances of a role and their restarts: a background task a supervisor runs like any other.
/// </summary>
/// <remarks>
/// <para><b>Finding blobs.</b> Every <see cref="BlobTriggerOptions.ScanInterval"/> the container is listed (there is
/// no change feed to follow), and the blobs modified since the trigger's cursor, newest last, are looked at. The cursor
/// is stored beside the receipts and moves on to the oldest blob version not yet final, at most to the scan's start
/// less <see cref="BlobTriggerOptions.CursorLag"/>: a blob written while no instance ran is found at the first scan
/// after one starts. A blob written while an instance runs starts its handler within one scan interval and one
/// listing, given a free handler slot.</para>
/// <para><b>Once.</b> The first instance to see a version claims it with a conditional insert of its receipt; the
/// claim is renewed while the handler runs, and an instance that crashes leaves a claim another takes over when it
/// expires (<see cref="BlobTriggerOptions.ClaimTime"/>), as a further attempt. A version ends Succeeded, Failed
/// (<see cref="JobFailedException"/>) or Poisoned (<see cref="PoisonJobException"/>, or
/// <see cref="BlobTriggerOptions.MaxAttempts"/> attempts that threw or crashed), and is never run again; other
/// failures are retried with a doubling delay. A handler that completes runs to completion once; one that crashed,
/// hung past its claim or was stopped may have run in part before the next attempt, so side effects should be
/// idempotent (write the output under the blob's name, as a queue job would).</para>
/// <para><b>Status.</b> Each version is a job with a status record (<see cref="JobStatusStore"/>, its id in
/// <see cref="BlobChange.JobId"/> and <see cref="BlobReceipt.JobId"/>): Running, Queued with the error between
/// attempts, then Succeeded, Failed or Poisoned.</para>
/// </remarks>
public sealed partial class BlobTrigger : IBackgroundTask
{
    private readonly JobStorage _storage;
    private readonly BlobTriggerOptions _options;
    private readonly Func<BlobChange, CancellationToken, Task<JobResult>> _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly ReceiptClaims _claims;
    private readonly BlobNamePattern _pattern;
    private readonly DocumentTable<BlobCursor> _cursors;
    private readonly SemaphoreSlim _slots;

    /// <summary>Versions this instance knows are final, with their modification time (forgotten once behind the cursor).</summary>
    private readonly ConcurrentDictionary<(string Name, string ETag), DateTimeOffset> _done = new();

    /// <summary>Versions whose handler runs in this instance now.</summary>
    private readonly ConcurrentDictionary<(string Name, string ETag), byte> _inFlight = new();

    /// <summary>The running attempts, for the drain on stop.</summary>
    private readonly ConcurrentDictionary<Task, byte> _attempts = new();

    private DateTimeOffset _cursor = DateTimeOffset.MinValue;

    /// <summary>A trigger; run it under a supervisor (or through <c>kit.AddBlobTrigger</c>).</summary>
    /// <param name="storage">The account of the container, the receipts and the status records.</param>
    /// <param name="options">What is watched and how.</param>
    /// <param name="handler">
    /// One attempt at one blob version. Return normally for success; throw <see cref="JobFailedException"/> to end it
    /// Failed, <see cref="PoisonJobException"/> to poison it at once, anything else to retry it. Its token is
    /// cancelled when the claim is lost or the trigger stops after its drain.
    /// </param>
    /// <param name="loggerFactory">Where its logs go.</param>
    /// <param name="timeProvider">The clock of scans, claims and retries; default the storage's.</param>
    /// <exception cref="ArgumentException">An option out of range (named in the message).</exception>
    public BlobTrigger(JobStorage storage, BlobTriggerOptions options, Func<BlobChange, CancellationToken, Task<JobResult>> handler, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        options.Validate();
        _storage = storage;
        _options = options;
        _handler = handler;
        _logger = loggerFactory.CreateLogger<BlobTrigger>();
        _clock = timeProvider ?? storage.TimeProvider;
        _claims = new ReceiptClaims(storage, options, _clock);
        _pattern = BlobNamePattern.Parse(options.NamePattern);
        _cursors = storage.Table<BlobCursor>(JobDefaults.BlobReceiptTable);
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    /// <inheritdoc/>
    public string Name => _options.EffectiveName;

    /// <summary>The receipt of one blob version with the trigger <paramref name="trigger"/>; null when no instance claimed it yet.</summary>
    /// <param name="storage">The account the trigger runs on.</param>
    /// <param name="trigger">The trigger's name (<see cref="BlobTriggerOptions.EffectiveName"/>).</param>
    /// <param name="blobName">The blob's name.</param>
    /// <param name="etag">The version (<see cref="BlobChange.ETag"/>).</param>
    /// <param name="ct">Cancels the read.</param>
    public static Task<BlobReceipt?> GetReceiptAsync(JobStorage storage, string trigger, string blobName, string etag, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(trigger);
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return ReceiptClaims.ReadAsync(storage, trigger, blobName, etag, ct);
    }

    /// <inheritdoc/>
    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var handlers = new CancellationTokenSource();
        try
        {
            await _storage.EnsureContainerAsync(_options.Container, cancellationToken).ConfigureAwait(false);
            _cursor = Max(_cursor, await ReadCursorAsync(cancellationToken).ConfigureAwait(false));
            BlobTriggerLog.Starting(_logger, Name, _options.Container, _options.NamePattern ?? string.Empty, _options.ScanInterval, _cursor);
            while (true)
            {
                context.Heartbeat();
                try
                {
                    await ScanAsync(context, handlers.Token, cancellationToken).ConfigureAwait(false);
                }
                catch (JobStorageException exception)
                {
                    BlobTriggerLog.ScanFailed(_logger, Name, exception.Message);
                }

                await Task.Delay(_options.ScanInterval, _clock, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await DrainAsync(handlers).ConfigureAwait(false);
            BlobTriggerLog.Stopped(_logger, Name);
        }
    }

    /// <summary>
    /// On stop: running handlers may finish within the drain; the rest are cancelled, and each gives its claim back
    /// (<see cref="BlobReceiptState.Retrying"/>, due at once, the attempt not counted) so another instance goes on.
    /// </summary>
    private async Task DrainAsync(CancellationTokenSource handlers)
    {
        var running = Task.WhenAll(_attempts.Keys);
        try
        {
            await running.WaitAsync(_options.DrainTimeout, _clock).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            BlobTriggerLog.ReleasedOnStop(_logger, Name, _inFlight.Count);
        }

        await handlers.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.WaitAsync(JobDefaults.ReleaseTimeout + JobDefaults.HandlerGrace, _clock).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A handler that ignores its token keeps its claim, which expires and is taken over as a further attempt.
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
