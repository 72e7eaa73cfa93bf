using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>One callback's delivery: the POSTs, the row's updates between them, the outcome, the hand-back on stop.</summary>
internal sealed partial class CallbackSender
{
    private async Task DeliverAsync(string queue, Document<CallbackRecord> row, Document<JobStatus>? status, TimeProvider clock, CancellationToken ct)
    {
        var record = row.Value;
        var etag = row.ETag;
        var jobId = record.JobId;
        try
        {
            if (status?.Value is not { IsFinal: true })
            {
                status = await _storage.Statuses.GetDocumentAsync(jobId, ct).ConfigureAwait(false);
            }

            if (status?.Value is not { IsFinal: true } final)
            {
                // Requeued since (its next final state writes a new row), or no record is kept: nothing to send.
                CallbackLog.Refused(_logger, jobId, "its status record is missing or not final");
                await _store.DeleteAsync(queue, jobId, ct).ConfigureAwait(false);
                return;
            }

            if (final.Callback is not null)
            {
                // Ended by a sender that stopped between recording the outcome and deleting the row.
                await _store.DeleteAsync(queue, jobId, ct).ConfigureAwait(false);
                return;
            }

            var url = Uri.TryCreate(record.Url, UriKind.Absolute, out var parsed) ? parsed : null;
            var body = JobStatusDocument.From(final, _options.ResultUrl?.Invoke(final)).ToJson();
            while (true)
            {
                var wait = record.NextAttemptAt - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, ct).ConfigureAwait(false);
                }

                if ((_options.CurrentAllowedHosts?.Invoke() ?? _options.AllowedHosts).Check(url) is { } problem)
                {
                    CallbackLog.Refused(_logger, jobId, "its URL " + problem);
                    await EndAsync(queue, record, status, new CallbackState(CallbackOutcome.Refused, record.Attempts, clock.GetUtcNow(), "The URL " + problem + "."), clock, ct).ConfigureAwait(false);
                    return;
                }

                if (record.Attempts >= _options.MaxAttempts)
                {
                    // Its sender stopped after the last attempt, before recording it.
                    var lastError = record.LastError ?? "the last attempt's sender stopped";
                    CallbackLog.GaveUp(_logger, jobId, url!.Authority, record.Attempts, lastError);
                    await EndAsync(queue, record, status, new CallbackState(CallbackOutcome.GaveUp, record.Attempts, clock.GetUtcNow(), lastError), clock, ct).ConfigureAwait(false);
                    return;
                }

                var attempt = record.Attempts + 1;
                var error = await PostAsync(url!, jobId, body, clock, ct).ConfigureAwait(false);
                if (error is null)
                {
                    CallbackLog.Delivered(_logger, jobId, url!.Authority, attempt);
                    await EndAsync(queue, record, status, new CallbackState(CallbackOutcome.Delivered, attempt, clock.GetUtcNow(), null), clock, ct).ConfigureAwait(false);
                    return;
                }

                if (attempt >= _options.MaxAttempts)
                {
                    CallbackLog.GaveUp(_logger, jobId, url!.Authority, attempt, error);
                    await EndAsync(queue, record, status, new CallbackState(CallbackOutcome.GaveUp, attempt, clock.GetUtcNow(), error), clock, ct).ConfigureAwait(false);
                    return;
                }

                var delay = _options.DelayAfter(attempt);
                var next = clock.GetUtcNow() + delay;
                var after = record with { Attempts = attempt, LastError = Cut(error), NextAttemptAt = next, ClaimedUntil = next + _options.AttemptTimeout + _options.ClaimGrace, Owner = Owner };
                if (await _store.TryReplaceAsync(queue, after, etag, ct).ConfigureAwait(false) is not { } newEtag)
                {
                    CallbackLog.ClaimLost(_logger, jobId);
                    return;
                }

                (record, etag) = (after, newEtag);
                CallbackLog.Retrying(_logger, jobId, url!.Authority, attempt, _options.MaxAttempts, error, delay);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(queue, record, etag, clock).ConfigureAwait(false);
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            // Storage after its retries, or anything unforeseen: the row stays, and never faults the processor's stop.
            CallbackLog.Interrupted(_logger, jobId, exception);
        }
    }

    /// <summary>One POST; null when the receiver answered 2xx, else why not.</summary>
    private async Task<string?> PostAsync(Uri url, string jobId, string body, TimeProvider clock, CancellationToken ct)
    {
        using var attemptTimeout = new CancellationTokenSource(_options.AttemptTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(attemptTimeout.Token, ct);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(CallbackSignature.DeliveryHeader, jobId);
        request.Headers.Add(CallbackSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
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

    /// <summary>
    /// Records the outcome in the final status record, then deletes the row. A record that cannot be written keeps the
    /// row, so a sweep sends again and records (receivers drop the repeat by its delivery id).
    /// </summary>
    private async Task EndAsync(string queue, CallbackRecord record, Document<JobStatus>? status, CallbackState state, TimeProvider clock, CancellationToken ct)
    {
        state = state with { LastError = state.LastError is null ? null : Cut(state.LastError) };
        try
        {
            // A record that is not final (set back by a requeue since) is left alone.
            await _storage.Statuses.UpdateAsync(record.JobId, record.JobType, current => current.IsFinal ? current with { Callback = state } : null, ct, status, clock).ConfigureAwait(false);
        }
        catch (JobStorageException exception)
        {
            CallbackLog.NotRecorded(_logger, record.JobId, state.Outcome, exception);
            return;
        }

        await _store.DeleteAsync(queue, record.JobId, ct).ConfigureAwait(false);
    }

    /// <summary>On stop: the row's claim ends at its next attempt, so a sweep of any instance goes on from there.</summary>
    private async Task ReleaseAsync(string queue, CallbackRecord record, string etag, TimeProvider clock)
    {
        using var timeout = new CancellationTokenSource(JobDefaults.CallbackReleaseTimeout, clock);
        try
        {
            if (await _store.TryReplaceAsync(queue, record with { ClaimedUntil = record.NextAttemptAt }, etag, timeout.Token).ConfigureAwait(false) is null)
            {
                CallbackLog.ClaimLost(_logger, record.JobId);
            }
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            CallbackLog.NotReleased(_logger, record.JobId, exception);
        }
    }
}
