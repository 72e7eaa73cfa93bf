namespace BackgroundRoles.Supervision;

/// <summary>What <see cref="Supervisor.StopAsync"/> achieved.</summary>
/// <param name="Finished">Tasks that are no longer running (including those that never started).</param>
/// <param name="Unfinished">Tasks still running when the budget ran out, or leaked earlier.</param>
/// <param name="Elapsed">How long the stop took, on the supervisor's clock.</param>
public sealed record StopReport(IReadOnlyList<string> Finished, IReadOnlyList<string> Unfinished, TimeSpan Elapsed);
