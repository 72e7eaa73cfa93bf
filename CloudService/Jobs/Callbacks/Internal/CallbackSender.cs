using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>
/// Delivers webhook callbacks in the background, so a message's delete never waits for a receiver, and at least once:
/// each callback is a row of <see cref="CallbackStore"/>, written (<see cref="AcceptAsync"/>) before the job's
/// message is deleted, that the sender holds by its ETag while it delivers. Before each POST it checks the URL against
/// the allow-list again (the setting may have changed since the submit); it POSTs the signed body with no redirect
/// followed and no proxy, retries after a failure or a non-2xx answer with a doubling delay on the run's clock,
/// writing the attempt count, the next attempt's time and its claim to the row after each failure, and once the
/// callback ends records <see cref="CallbackState"/> in the status record, then deletes the row. A stop hands the
/// rows in flight back (their claim ends at their next attempt), so another sender's sweep goes on where this one
/// stopped; a crash leaves them to a sweep once their claim runs out.
/// </summary>
internal sealed partial class CallbackSender
{
    private readonly JobStorage _storage;
    private readonly CallbackStore _store;
    private readonly CallbackOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private CancellationTokenSource _stopping = new();

    public CallbackSender(JobStorage storage, CallbackOptions options, ILogger logger)
    {
        _storage = storage;
        _store = new CallbackStore(storage);
        _options = options;
        _logger = logger;

        // No redirects: a receiver on an allowed host must not be able to point the worker at any other address.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>This sender's name in the rows it claims.</summary>
    public string Owner { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Deliveries not yet ended.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>The rows this sender (and a sweep using it) works on.</summary>
    public CallbackStore Store => _store;

    /// <summary>The options it sends with.</summary>
    public CallbackOptions Options => _options;

    /// <summary>
    /// Writes the callback's row for <paramref name="jobId"/>, claimed by this sender for its first attempt, and
    /// starts its delivery; returns once the row is durable. A job that already has a row (a redelivered message)
    /// starts nothing: that row's owner, or a sweep, delivers it.
    /// </summary>
    /// <param name="queue">The job's queue, the row's partition.</param>
    /// <param name="jobId">The job.</param>
    /// <param name="jobType">Its type.</param>
    /// <param name="url">The callback URL as submitted.</param>
    /// <param name="status">The final record the status step has just written or read, so the sender need not read it again; null: read.</param>
    /// <param name="clock">The run's clock.</param>
    /// <param name="ct">Cancels the write.</param>
    public async Task AcceptAsync(string queue, string jobId, string jobType, string url, Document<JobStatus>? status, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var record = new CallbackRecord(jobId, jobType, url, 0, now, now + _options.AttemptTimeout + _options.ClaimGrace, Owner, null);
        if (await _store.TryInsertAsync(queue, record, ct).ConfigureAwait(false) is { } etag)
        {
            Start(queue, new Document<CallbackRecord>(record, etag), status, clock);
        }
    }

    /// <summary>Delivers a row this sender holds (its ETag current) in the background; returns at once.</summary>
    public void Start(string queue, Document<CallbackRecord> row, Document<JobStatus>? status, TimeProvider clock)
    {
        var token = _stopping.Token;
        var task = Task.Run(() => DeliverAsync(queue, row, status, clock, token), CancellationToken.None);
        _pending.TryAdd(task, 0);
        task.ContinueWith(done => _pending.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Cancels the deliveries in flight, which hand their rows back, and waits for them to end; later sends start afresh.</summary>
    public async Task StopAsync()
    {
        var stopping = Interlocked.Exchange(ref _stopping, new CancellationTokenSource());
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_pending.Keys).ConfigureAwait(false);
        stopping.Dispose();
    }

    private static string Cut(string text) => text.Length <= JobDefaults.MaxCallbackErrorChars ? text : text[..JobDefaults.MaxCallbackErrorChars];
}
