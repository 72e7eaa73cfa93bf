using BackgroundRoles.Jobs.Triggers;

namespace BackgroundRoles.Jobs.Inspection;

/// <summary>One blob trigger as an operator sees it (<see cref="TriggerInspector"/>): what it watches, its cursor and its receipts.</summary>
/// <param name="Name">The trigger's name (<see cref="BlobTriggerOptions.EffectiveName"/>), also its task's.</param>
/// <param name="Container">The container watched; null when neither its cursor nor a receipt names it (cursors written before it was kept).</param>
/// <param name="NamePattern">The name pattern; empty for every blob, null when its cursor was written before it was kept.</param>
/// <param name="Cursor">Blob versions written before this are all final; scans look at newer ones only.</param>
/// <param name="CursorUpdatedAt">When the cursor last moved.</param>
/// <param name="Running">Receipts claimed by an instance now.</param>
/// <param name="Retrying">Receipts waiting for their next attempt.</param>
/// <param name="Succeeded">Receipts of versions handled (until the cleanup deletes them).</param>
/// <param name="Failed">Receipts of versions ended by a <see cref="JobFailedException"/>.</param>
/// <param name="Poisoned">Receipts of versions poisoned.</param>
/// <param name="CountsComplete">False when the trigger has more than <see cref="JobDefaults.MaxCountedReceipts"/> receipts: the counts are of the first ones read.</param>
/// <param name="NewestFailures">The newest Poisoned and Failed versions (at most <see cref="JobDefaults.MaxInspectedFailedReceipts"/>), newest first.</param>
public sealed record BlobTriggerSummary(
    string Name,
    string? Container,
    string? NamePattern,
    DateTimeOffset Cursor,
    DateTimeOffset CursorUpdatedAt,
    int Running,
    int Retrying,
    int Succeeded,
    int Failed,
    int Poisoned,
    bool CountsComplete,
    IReadOnlyList<FailedBlobVersion> NewestFailures);
