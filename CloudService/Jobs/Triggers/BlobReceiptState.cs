namespace BackgroundRoles.Jobs.Triggers;

/// <summary>Where one blob version is with its trigger. <see cref="Succeeded"/>, <see cref="Failed"/> and <see cref="Poisoned"/> are final.</summary>
public enum BlobReceiptState
{
    /// <summary>Claimed by an instance (<see cref="BlobReceipt.Owner"/>) until <see cref="BlobReceipt.ClaimedUntil"/>, renewed while its handler runs.</summary>
    Running,

    /// <summary>An attempt failed or was stopped; the next one may start at <see cref="BlobReceipt.RetryAt"/>.</summary>
    Retrying,

    /// <summary>The handler finished.</summary>
    Succeeded,

    /// <summary>The handler ended it with a <see cref="JobFailedException"/>: not retried.</summary>
    Failed,

    /// <summary>A <see cref="PoisonJobException"/>, or <see cref="BlobTriggerOptions.MaxAttempts"/> failed attempts: not retried; the error is kept.</summary>
    Poisoned,
}
