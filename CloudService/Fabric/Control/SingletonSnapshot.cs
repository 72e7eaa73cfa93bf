namespace BackgroundRoles.Fabric.Control;

/// <summary>One singleton task, from its lease.</summary>
/// <param name="Name">The task's name.</param>
/// <param name="IsHeld">Whether an instance holds it (and so runs the task) now.</param>
/// <param name="Holder">The instance holding it.</param>
/// <param name="HeldSince">Since when (UTC).</param>
public sealed record SingletonSnapshot(string Name, bool IsHeld, string? Holder, DateTimeOffset? HeldSince);
