namespace BackgroundRoles.Tests.ScheduleRole;

/// <summary>
/// One run of the scheduled job, as the instance that ran it wrote it: inserted when the run starts (the insert fails
/// when the tick already has a row, which the role then records as a duplicate) and replaced when it ends.
/// </summary>
public sealed record TickRecord
{
    /// <summary>The occurrence the run was for (UTC).</summary>
    public required DateTimeOffset Tick { get; init; }

    /// <summary>Why it ran: Tick, MissedTick or Startup.</summary>
    public required string Kind { get; init; }

    /// <summary>The instance that ran it.</summary>
    public required string Instance { get; init; }

    /// <summary>When the library started the run (after the claim's lease and record calls).</summary>
    public required DateTimeOffset ClaimedAt { get; init; }

    /// <summary>When the job's own code began: what the schedule's lateness is measured to.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the run ended; null while it runs (or when its end could not be written).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Running, Succeeded or Cancelled.</summary>
    public required string Outcome { get; init; }
}
