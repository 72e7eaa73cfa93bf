using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>
/// Delivers webhook callbacks in the background, so a message's delete never waits for a receiver: reads the job's
/// final record (durable, since the status step ran), checks the URL against the allow-list again (the setting may
/// have changed since the submit), POSTs the signed body with no redirect followed and no proxy, retries after a
/// failure or a non-2xx answer with a doubling delay on the run's clock, then records <see cref="CallbackState"/> in
/// the status record. Deliveries in flight are cancelled when the processor stops, and lost: at most once.
/// </summary>
internal sealed class CallbackSender
{
    private readonly JobStorage _storage;
    private readonly CallbackOptions _options;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private CancellationTokenSource _stopping = new();

    public CallbackSender(JobStorage storage, CallbackOptions options, ILogger logger)
    {
        _storage = storage;
        _options = options;
        _logger = logger;

        // No redirects: a receiver on an allowed host must not be able to point the worker at any other address.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Deliveries not yet ended.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Starts the delivery of <paramref name="jobId"/>'s final status to <paramref name="url"/>; returns at once.</summary>
    public void Send(string jobId, string jobType, string url, TimeProvider clock)
    {
        var token = _stopping.Token;
        var task = Task.Run(() => DeliverAsync(jobId, jobType, url, clock, token), CancellationToken.None);
        _pending.TryAdd(task, 0);
        task.ContinueWith(done => _pending.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Cancels the deliveries in flight and waits for them to end; later sends start afresh.</summary>
    public async Task StopAsync()
    {
        var stopping = Interlocked.Exchange(ref _stopping, new CancellationTokenSource());
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_pending.Keys).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task DeliverAsync(string jobId, string jobType, string urlText, TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var url = Uri.TryCreate(urlText, UriKind.Absolute, out var parsed) ? parsed : null;
            if ((_options.CurrentAllowedHosts?.Invoke() ?? _options.AllowedHosts).Check(url) is { } problem)
            {
                CallbackLog.Refused(_logger, jobId, "its URL " + problem);
                await RecordAsync(jobId, jobType, new CallbackState(CallbackOutcome.Refused, 0, clock.GetUtcNow(), "The URL " + problem + "."), clock, ct).ConfigureAwait(false);
                return;
            }

            var status = await _storage.Statuses.GetAsync(jobId, ct).ConfigureAwait(false);
            if (status is not { IsFinal: true })
            {
                CallbackLog.Refused(_logger, jobId, "its status record is missing or not final");
                return;
            }

            var body = CallbackBody.Serialize(status, _options.ResultUrl);
            var error = string.Empty;
            for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
            {
                error = await PostAsync(url!, body, clock, ct).ConfigureAwait(false);
                if (error is null)
                {
                    CallbackLog.Delivered(_logger, jobId, url!.Authority, attempt);
                    await RecordAsync(jobId, jobType, new CallbackState(CallbackOutcome.Delivered, attempt, clock.GetUtcNow(), null), clock, ct).ConfigureAwait(false);
                    return;
                }

                if (attempt < _options.MaxAttempts)
                {
                    var delay = _options.DelayAfter(attempt);
                    CallbackLog.Retrying(_logger, jobId, url!.Authority, attempt, _options.MaxAttempts, error, delay);
                    await Task.Delay(delay, clock, ct).ConfigureAwait(false);
                }
            }

            CallbackLog.GaveUp(_logger, jobId, url!.Authority, _options.MaxAttempts, error);
            await RecordAsync(jobId, jobType, new CallbackState(CallbackOutcome.GaveUp, _options.MaxAttempts, clock.GetUtcNow(), error), clock, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The processor stopped: the callback is lost, as documented.
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            // Storage after its retries, or anything unforeseen: logged, never left to fault the processor's stop.
            CallbackLog.NotRecorded(_logger, jobId, CallbackOutcome.GaveUp, exception);
        }
    }

    /// <summary>One POST; null when the receiver answered 2xx, else why not.</summary>
    private async Task<string?> PostAsync(Uri url, string body, TimeProvider clock, CancellationToken ct)
    {
        using var attemptTimeout = new CancellationTokenSource(_options.AttemptTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attemptTimeout.Token, ct);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(CallbackSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(CallbackSignature.SignatureHeader, CallbackSignature.Compute(_options.SigningKey!, timestamp, body));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 300 ? null
                : code is >= 300 and < 400 ? $"HTTP {code}: a redirect, not followed"
                : $"HTTP {code} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (attemptTimeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return $"no answer within {_options.AttemptTimeout}";
        }
        catch (HttpRequestException exception)
        {
            return Cut(exception.Message);
        }
    }

    private async Task RecordAsync(string jobId, string jobType, CallbackState state, TimeProvider clock, CancellationToken ct)
    {
        state = state with { LastError = state.LastError is null ? null : Cut(state.LastError) };
        try
        {
            // A record that is not final (missing, or set back by a requeue) is left alone.
            await _storage.Statuses.UpdateAsync(jobId, jobType, status => status.IsFinal ? status with { Callback = state } : null, ct, clock: clock).ConfigureAwait(false);
        }
        catch (JobStorageException exception)
        {
            CallbackLog.NotRecorded(_logger, jobId, state.Outcome, exception);
        }
    }

    private static string Cut(string text) => text.Length <= JobDefaults.MaxCallbackErrorChars ? text : text[..JobDefaults.MaxCallbackErrorChars];
}
