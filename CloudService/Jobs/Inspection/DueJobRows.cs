namespace BackgroundRoles.Jobs.Inspection;

/// <summary>What <see cref="DueJobInspector.ListAsync"/> read of <see cref="JobDefaults.DueJobsTable"/>.</summary>
/// <param name="Jobs">The rows read, the earliest due first.</param>
/// <param name="Complete">False when the read stopped at its limit, so rows due after the last one may be left.</param>
public sealed record DueJobRows(IReadOnlyList<DueJobRow> Jobs, bool Complete);
