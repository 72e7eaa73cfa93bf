namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>
/// The receipts of one trigger: a version's first claim is a conditional insert, every later change an
/// ETag-guarded replace, so two instances never both hold one version, whatever they race on.
/// </summary>
internal sealed class ReceiptClaims(JobStorage storage, BlobTriggerOptions options, TimeProvider clock)
{
    private readonly DocumentTable<BlobReceipt> _table = storage.Table<BlobReceipt>(JobDefaults.BlobReceiptTable);
    private readonly string _trigger = options.EffectiveName;

    /// <summary>
    /// Claims <paramref name="blob"/>'s version for one attempt when nobody holds it, it is not final and its next
    /// attempt is due. A claim left by an instance that stopped renewing it (crashed, hung) is taken over once it
    /// expired, and counts as a failed attempt: a version whose attempts are used up that way is poisoned here.
    /// </summary>
    public async Task<(ClaimOutcome Outcome, Document<BlobReceipt>? Receipt)> TryClaimAsync(ListedBlob blob, CancellationToken ct)
    {
        // Insert first: past the cursor, most versions are new, and a new one then costs one call, not two.
        var (partition, rowKey) = BlobNames.ReceiptOf(_trigger, blob.Name, blob.ETag);
        var now = clock.GetUtcNow();
        var receipt = new BlobReceipt(_trigger, options.Container, blob.Name, blob.ETag, Guid.CreateVersion7(now).ToString("N"), BlobReceiptState.Running, 1, options.InstanceId, now + options.ClaimTime, null, null, now, now)
        {
            BlobLastModified = blob.LastModified,
        };
        if (await _table.InsertAsync(partition, rowKey, receipt, ct).ConfigureAwait(false) is { } etag)
        {
            return (ClaimOutcome.Claimed, new Document<BlobReceipt>(receipt, etag));
        }

        var current = await _table.GetAsync(partition, rowKey, ct).ConfigureAwait(false);
        if (current is null)
        {
            return (ClaimOutcome.NotNow, null);
        }

        now = clock.GetUtcNow();
        var held = current.Value;
        if (held.IsFinal)
        {
            return (ClaimOutcome.Final, current);
        }

        if ((held.State == BlobReceiptState.Running && held.ClaimedUntil > now) || (held.State == BlobReceiptState.Retrying && held.RetryAt > now))
        {
            return (ClaimOutcome.NotNow, current);
        }

        if (held.State == BlobReceiptState.Running && held.Attempts >= options.MaxAttempts)
        {
            var error = $"The claim of {held.Owner} expired unrenewed in attempt {held.Attempts}: the instance crashed or hung. " + held.Error;
            var poisoned = await WriteAsync(current, held with { State = BlobReceiptState.Poisoned, ClaimedUntil = null, Error = error.Trim() }, ct).ConfigureAwait(false);
            return poisoned is null ? (ClaimOutcome.NotNow, null) : (ClaimOutcome.Final, poisoned);
        }

        var claim = held with { State = BlobReceiptState.Running, Attempts = held.Attempts + 1, Owner = options.InstanceId, ClaimedUntil = now + options.ClaimTime, RetryAt = null };
        var claimed = await WriteAsync(current, claim, ct).ConfigureAwait(false);
        return claimed is null ? (ClaimOutcome.NotNow, null) : (ClaimOutcome.Claimed, claimed);
    }

    /// <summary>Moves the claim's expiry on; null when the receipt changed meanwhile (the claim is lost).</summary>
    public Task<Document<BlobReceipt>?> RenewAsync(Document<BlobReceipt> held, CancellationToken ct) =>
        WriteAsync(held, held.Value with { ClaimedUntil = clock.GetUtcNow() + options.ClaimTime }, ct);

    /// <summary>Replaces the receipt if it is still as <paramref name="held"/>; the new one, or null when it changed.</summary>
    public async Task<Document<BlobReceipt>?> WriteAsync(Document<BlobReceipt> held, BlobReceipt next, CancellationToken ct)
    {
        var (partition, rowKey) = BlobNames.ReceiptOf(_trigger, next.BlobName, next.ETag);
        next = next with { UpdatedAt = clock.GetUtcNow() };
        var etag = await _table.ReplaceAsync(partition, rowKey, next, held.ETag, ct).ConfigureAwait(false);
        return etag is null ? null : new Document<BlobReceipt>(next, etag);
    }

    /// <summary>The receipt of one version, or null when no instance has claimed it yet.</summary>
    public static async Task<BlobReceipt?> ReadAsync(JobStorage storage, string trigger, string name, string etag, CancellationToken ct)
    {
        var (partition, rowKey) = BlobNames.ReceiptOf(trigger, name, etag);
        return (await storage.Table<BlobReceipt>(JobDefaults.BlobReceiptTable).GetAsync(partition, rowKey, ct).ConfigureAwait(false))?.Value;
    }
}
