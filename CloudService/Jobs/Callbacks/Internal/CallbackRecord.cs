namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>
/// A callback not yet ended, one row of <see cref="JobDefaults.CallbackTable"/> (partition the job's queue, row key
/// its id). Whoever replaced the row last with its ETag owns it until <see cref="ClaimedUntil"/>; after that a sweep
/// may claim it.
/// </summary>
/// <param name="JobId">The job whose final status is sent.</param>
/// <param name="JobType">The job's type, for the status record's update.</param>
/// <param name="Url">Where it is POSTed, as submitted.</param>
/// <param name="Attempts">POSTs made and ended so far (the give-up rule counts these, whichever sender made them).</param>
/// <param name="NextAttemptAt">When the next POST is due.</param>
/// <param name="ClaimedUntil">When the owner's claim runs out: its next attempt, that attempt's timeout and the grace.</param>
/// <param name="Owner">The sender that holds the claim (for logs and a reader of the table).</param>
/// <param name="LastError">Why the last POST failed; null before any did.</param>
internal sealed record CallbackRecord(
    string JobId,
    string JobType,
    string Url,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset ClaimedUntil,
    string Owner,
    string? LastError);
