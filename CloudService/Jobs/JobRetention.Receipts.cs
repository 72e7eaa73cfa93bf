using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Leases.Internal;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Jobs.Triggers.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs;

/// <summary>The cleanup of blob trigger receipts (<see cref="JobDefaults.BlobReceiptTable"/>).</summary>
public sealed partial class JobRetention
{
    /// <summary>
    /// Deletes the final receipts of blob triggers that are old enough and can never be claimed again, so no handler
    /// runs twice for a version it handled. A receipt is deleted when all of these hold:
    /// <list type="bullet">
    /// <item>it is Succeeded and last changed before <paramref name="cutoff"/>, or Failed or Poisoned and last changed
    /// before <paramref name="failedCutoff"/> (Running and Retrying receipts are never deleted);</item>
    /// <item>a scan cannot list its version as new again: the blob now has another version written more than
    /// <see cref="JobDefaults.BlobReceiptSettleTime"/> ago, or the version was written before the trigger's cursor as
    /// an earlier cleanup recorded it at least that long ago (cursors only move forward, and a scan claims only from
    /// a look at the cursor and the container younger than <see cref="JobDefaults.BlobListingMaxAge"/>, so every scan
    /// that could still name the version claimed it while the receipt was there, and found it final);</item>
    /// <item>it is unchanged since it was read (ETag-guarded delete).</item>
    /// </list>
    /// Each run records each trigger's cursor (partition <c>~retention</c> of the same table) for a later run, so a
    /// version only the cursor covers goes at the first run at least the settle time after the cursor passed it.
    /// </summary>
    /// <param name="cutoff">Succeeded receipts last changed before this go.</param>
    /// <param name="failedCutoff">Failed and Poisoned receipts last changed before this go.</param>
    /// <param name="trigger">One trigger's receipts only (its <see cref="BlobTriggerOptions.EffectiveName"/>); null for every trigger's.</param>
    /// <param name="ct">Cancels the cleanup; what was deleted stays deleted.</param>
    /// <exception cref="JobStorageException">Storage failed after its retries; what was deleted before stays deleted.</exception>
    public async Task<ReceiptRetentionResult> DeleteFinishedReceiptsAsync(DateTimeOffset cutoff, DateTimeOffset failedCutoff, string? trigger, CancellationToken ct)
    {
        if (trigger is not null)
        {
            LeaseNames.Validate(trigger, "blob trigger", nameof(trigger));
        }

        await _storage.EnsureTableAsync(JobDefaults.BlobReceiptTable, ct).ConfigureAwait(false);
        var table = _storage.CloudTable(JobDefaults.BlobReceiptTable);
        var query = new TableQuery<DynamicTableEntity>();
        if (trigger is not null)
        {
            query = query.Where(BlobNames.ReceiptPartitionsOf(trigger));
        }

        var triggers = new Dictionary<string, SettledCursor>(StringComparer.Ordinal);
        var containers = new Dictionary<string, Dictionary<string, ListedBlob>>(StringComparer.Ordinal);
        var (deleted, waiting, kept) = (0, 0, 0);
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await _storage.Resilience.ExecuteAsync("list blob receipts", token =>
                table.ExecuteQuerySegmentedAsync(query, continuation, null, null, token), ct).ConfigureAwait(false);
            foreach (var entity in segment.Results)
            {
                if (ReadReceipt(entity) is not { } receipt || (trigger is not null && receipt.Trigger != trigger))
                {
                    continue;
                }

                // Every trigger with receipts gets its cursor recorded, so a later run can use it.
                if (!triggers.TryGetValue(receipt.Trigger, out var settled))
                {
                    settled = await ReadSettledCursorAsync(receipt.Trigger, ct).ConfigureAwait(false);
                    triggers[receipt.Trigger] = settled;
                }

                if (!receipt.IsFinal || receipt.UpdatedAt >= (receipt.State == BlobReceiptState.Succeeded ? cutoff : failedCutoff))
                {
                    continue;
                }

                if (!containers.TryGetValue(receipt.Container, out var blobs))
                {
                    blobs = (await BlobListing.ListAsync(_storage, receipt.Container, string.Empty, ct).ConfigureAwait(false)).ToDictionary(blob => blob.Name, StringComparer.Ordinal);
                    containers[receipt.Container] = blobs;
                }

                if (!NeverListedAgain(receipt, blobs.GetValueOrDefault(receipt.BlobName), settled.Watermark))
                {
                    waiting++;
                }
                else if (await DeleteIfUnchangedAsync(table, entity, ct).ConfigureAwait(false))
                {
                    deleted++;
                }
                else
                {
                    kept++;
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        foreach (var (name, settled) in triggers)
        {
            await RecordCursorAsync(name, settled, ct).ConfigureAwait(false);
        }

        return new ReceiptRetentionResult(deleted, waiting, kept);
    }

    /// <summary>Whether no scan can list the receipt's version as new again (see <see cref="DeleteFinishedReceiptsAsync"/>).</summary>
    private bool NeverListedAgain(BlobReceipt receipt, ListedBlob? current, DateTimeOffset settledCursor)
    {
        var settledBefore = _clock.GetUtcNow() - JobDefaults.BlobReceiptSettleTime;
        if (current is not null && current.ETag != receipt.ETag && current.LastModified < settledBefore)
        {
            // Replaced, and the replacing write is older than any look a scan still claims from.
            return true;
        }

        var written = receipt.BlobLastModified ?? (current?.ETag == receipt.ETag ? current.LastModified : null);
        return written < settledCursor;
    }

    /// <summary>The trigger's cursor as an earlier run saw it at least the settle time ago (none: the start of time), and the cursor now.</summary>
    private async Task<SettledCursor> ReadSettledCursorAsync(string trigger, CancellationToken ct)
    {
        var marks = _storage.Table<ReceiptRetentionMark>(JobDefaults.BlobReceiptTable);
        var mark = await marks.GetAsync(BlobNames.RetentionPartition, trigger, ct).ConfigureAwait(false);
        var cursor = await _storage.Table<BlobCursor>(JobDefaults.BlobReceiptTable).GetAsync(BlobNames.CursorPartition, trigger, ct).ConfigureAwait(false);

        // Read after the cursor: a scan that read the cursor later than this sees at least this watermark.
        var now = _clock.GetUtcNow();
        var settled = mark is not null && mark.Value.ObservedAt <= now - JobDefaults.BlobReceiptSettleTime;
        return new SettledCursor(settled ? mark!.Value.Watermark : DateTimeOffset.MinValue, mark is null || settled, cursor?.Value.Watermark, now);
    }

    /// <summary>Records the cursor this run saw, for a run at least the settle time later; an unsettled record is left to settle.</summary>
    private async Task RecordCursorAsync(string trigger, SettledCursor settled, CancellationToken ct)
    {
        if (settled.Replaceable && settled.Current is { } watermark)
        {
            await _storage.Table<ReceiptRetentionMark>(JobDefaults.BlobReceiptTable)
                .UpsertAsync(BlobNames.RetentionPartition, trigger, new ReceiptRetentionMark(watermark, settled.ObservedAt), ct).ConfigureAwait(false);
        }
    }

    /// <summary>A receipt at the place its trigger, name and ETag give; anything else in the table (cursors, marks, a row a person wrote) is not one.</summary>
    private static BlobReceipt? ReadReceipt(DynamicTableEntity entity)
    {
        try
        {
            var receipt = entity.PartitionKey.StartsWith('~') || !entity.Properties.TryGetValue(JsonProperty, out var json) || json.StringValue is not { } text
                ? null
                : JobJson.Deserialize<BlobReceipt>(text);
            return receipt is not null && BlobNames.ReceiptOf(receipt.Trigger, receipt.BlobName, receipt.ETag) == (entity.PartitionKey, entity.RowKey) ? receipt : null;
        }
        catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <param name="Watermark">The cursor an earlier run recorded at least the settle time ago.</param>
    /// <param name="Replaceable">Whether this run records the cursor anew (no record yet, or the old one settled).</param>
    /// <param name="Current">The cursor now; null when the trigger has none.</param>
    /// <param name="ObservedAt">When the cursor was read.</param>
    private sealed record SettledCursor(DateTimeOffset Watermark, bool Replaceable, DateTimeOffset? Current, DateTimeOffset ObservedAt);
}
