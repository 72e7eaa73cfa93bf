using BackgroundRoles.Jobs.Triggers.Internal;
using BackgroundRoles.Supervision;

namespace BackgroundRoles.Jobs.Triggers;

/// <summary>The scan: list, claim what is due, move the cursor.</summary>
public sealed partial class BlobTrigger
{
    private async Task ScanAsync(BackgroundTaskContext context, CancellationToken handlers, CancellationToken ct)
    {
        // Taken before the cursor is read: the receipt cleanup's safety rests on no claim coming from an older look.
        var lookedAt = _clock.GetUtcNow();

        // Another instance may have moved the cursor past versions it finished: skip their receipts.
        _cursor = Max(_cursor, await ReadCursorAsync(ct).ConfigureAwait(false));
        var cursor = _cursor;
        var scanStart = _clock.GetUtcNow();
        var listed = await BlobListing.ListAsync(_storage, _options.Container, _pattern.Prefix, ct).ConfigureAwait(false);
        var candidates = listed.Where(blob => blob.LastModified >= cursor && _pattern.Matches(blob.Name)).OrderBy(blob => blob.LastModified).ToList();
        var started = 0;
        foreach (var blob in candidates)
        {
            var key = (blob.Name, blob.ETag);
            if (_done.ContainsKey(key) || _inFlight.ContainsKey(key))
            {
                continue;
            }

            // The claim runs in the handler's slot too, so the claims of a backlog go out in parallel.
            await _slots.WaitAsync(ct).ConfigureAwait(false);
            context.Heartbeat();
            if (IsStale(lookedAt))
            {
                // The rest stay open (the cursor waits for them) and are listed again at the next scan.
                _slots.Release();
                break;
            }

            if (!_inFlight.TryAdd(key, 0))
            {
                _slots.Release();
                continue;
            }

            StartAttempt(blob, lookedAt, handlers, ct);
            started++;
        }

        var oldestOpen = candidates.Where(blob => !_done.ContainsKey((blob.Name, blob.ETag))).Select(blob => blob.LastModified).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var next = oldestOpen < scanStart - _options.CursorLag ? oldestOpen : scanStart - _options.CursorLag;
        if (next > _cursor)
        {
            await WriteCursorAsync(next, ct).ConfigureAwait(false);
            _cursor = next;
            foreach (var (version, modified) in _done)
            {
                if (modified < next)
                {
                    _done.TryRemove(version, out _);
                }
            }
        }

        BlobTriggerLog.Scanned(_logger, Name, listed.Count, candidates.Count, started, _cursor);
    }

    private void StartAttempt(ListedBlob blob, DateTimeOffset lookedAt, CancellationToken handlers, CancellationToken stop)
    {
        var attempt = Task.Run(() => ClaimAndRunAsync(blob, lookedAt, handlers, stop), CancellationToken.None);
        _attempts.TryAdd(attempt, 0);
        _ = attempt.ContinueWith(done => _attempts.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Whether a look at the cursor and the container is too old to claim from (<see cref="JobDefaults.BlobListingMaxAge"/>):
    /// the receipt cleanup deletes a receipt only when every look that could still name its version is older than that.
    /// </summary>
    private bool IsStale(DateTimeOffset lookedAt) => _clock.GetUtcNow() - lookedAt > JobDefaults.BlobListingMaxAge;

    private async Task<DateTimeOffset> ReadCursorAsync(CancellationToken ct) =>
        (await _cursors.GetAsync(BlobNames.CursorPartition, Name, ct).ConfigureAwait(false))?.Value.Watermark ?? DateTimeOffset.MinValue;

    /// <summary>Moves the stored cursor forward only: an instance that knows less never moves it back.</summary>
    private async Task WriteCursorAsync(DateTimeOffset watermark, CancellationToken ct)
    {
        var stored = await _cursors.GetAsync(BlobNames.CursorPartition, Name, ct).ConfigureAwait(false);
        if (stored is not null && stored.Value.Watermark >= watermark)
        {
            return;
        }

        var cursor = new BlobCursor(watermark, _clock.GetUtcNow(), _options.InstanceId, _options.Container, _options.NamePattern ?? string.Empty);
        var written = stored is null
            ? await _cursors.TryInsertAsync(BlobNames.CursorPartition, Name, cursor, ct).ConfigureAwait(false)
            : await _cursors.TryReplaceAsync(BlobNames.CursorPartition, Name, cursor, stored.ETag, ct).ConfigureAwait(false);
        if (!written)
        {
            BlobTriggerLog.CursorNotWritten(_logger, Name, "another instance wrote it first");
        }
    }
}
