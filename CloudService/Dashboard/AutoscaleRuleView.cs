namespace BackgroundRoles.Dashboard;

/// <summary>A role's autoscale rule as <c>ServiceConfiguration.Autoscale.json</c> declares it, with what the emulator last decided.</summary>
/// <param name="MinInstances">The fewest instances.</param>
/// <param name="MaxInstances">The most instances.</param>
/// <param name="ScaleOutStep">At most this many instances added per change.</param>
/// <param name="ScaleInStep">At most this many instances removed per change.</param>
/// <param name="ScaleOutCooldown">The least time between two scale-outs.</param>
/// <param name="ScaleInCooldown">How long a lower demand must hold, and the least time since the last change, before a scale-in.</param>
/// <param name="Queues">Each queue the rule follows, with its last read length.</param>
/// <param name="Schedules">Each schedule that raises the fewest instances while it is open.</param>
/// <param name="LastDecision">The emulator's last round for the role (the view <c>status</c> prints); null before the first.</param>
public sealed record AutoscaleRuleView(
    int MinInstances,
    int MaxInstances,
    int ScaleOutStep,
    int ScaleInStep,
    TimeSpan ScaleOutCooldown,
    TimeSpan ScaleInCooldown,
    IReadOnlyList<AutoscaleQueueView> Queues,
    IReadOnlyList<AutoscaleScheduleView> Schedules,
    AutoscaleDecisionView? LastDecision);
