namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>What a bad message must come to.</summary>
internal enum BadOutcome
{
    /// <summary>Poisoned on its first delivery, for a reason that says it can never succeed.</summary>
    PoisonedAtOnce,

    /// <summary>Poisoned within MaxDequeueCount deliveries, whatever failed.</summary>
    PoisonedWithinLimit,

    /// <summary>Processed: its job ends Succeeded.</summary>
    Processed,
}

/// <summary>
/// One message as a hostile or careless writer puts it on a queue: <see cref="WireText"/> exactly as storage holds it,
/// the text the poison record keeps of it (<see cref="RecordedText"/>), and what it must come to.
/// </summary>
internal sealed record BadMessage(string Kind, string WireText, string RecordedText, BadOutcome Outcome, PoisonReason? Reason = null, string? JobId = null)
{
    public override string ToString() => $"{Kind}: {(WireText.Length > 80 ? WireText[..80] + "..." : WireText)}";
}
