namespace BackgroundRoles.Jobs.Leases;

/// <summary>One lease as storage shows it, for operators (<c>status</c>).</summary>
/// <param name="Name">The lease's name: a singleton task's or scheduled job's name, without the blob's prefix.</param>
/// <param name="IsHeld">Whether an instance holds it now.</param>
/// <param name="Holder">The instance holding it, when held and recorded.</param>
/// <param name="HeldSince">When the holder acquired it, when held and recorded.</param>
public sealed record LeaseInfo(string Name, bool IsHeld, string? Holder, DateTimeOffset? HeldSince);
