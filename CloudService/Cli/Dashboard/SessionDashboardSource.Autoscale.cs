using BackgroundRoles.Dashboard;
using BackgroundRoles.Fabric.Autoscale;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Dashboard;

/// <summary>
/// Each ruled role's autoscale rule with the emulator's last decision: the decision is the session's own
/// <see cref="AutoscaleView"/> (<see cref="EmulatorSession.WithAutoscale"/>, the one <c>status</c> prints), never
/// computed here; the rule beside it is the file <c>run</c> loaded. Only production is scaled, so only it has them.
/// </summary>
internal sealed partial class SessionDashboardSource
{
    private readonly AutoscaleRules? _rules;
    private readonly AutoscaleMode _autoscale;

    private DeploymentSnapshot Autoscaled(DeploymentSlot slot, DeploymentSnapshot snapshot) =>
        slot == DeploymentSlot.Production ? _session.WithAutoscale(snapshot) : snapshot;

    private AutoscaleRuleView? AutoscaleOf(DeploymentSlot slot, RoleSnapshot role) =>
        slot == DeploymentSlot.Production && RuleOf(role.Name) is { } rule ? ToView(rule, role.Autoscale) : null;

    private RoleAutoscaleRule? RuleOf(string roleName) =>
        _rules?.Roles.FirstOrDefault(rule => string.Equals(rule.RoleName, roleName, StringComparison.OrdinalIgnoreCase));

    private static AutoscaleRuleView ToView(RoleAutoscaleRule rule, AutoscaleView? decision) => new(
        rule.MinInstances,
        rule.MaxInstances,
        rule.ScaleOutStep,
        rule.ScaleInStep,
        rule.ScaleOutCooldown,
        rule.ScaleInCooldown,
        [.. rule.Queues.Select(queue => new AutoscaleQueueView(
            queue.QueueName,
            queue.MessagesPerInstance,
            decision?.Queues.FirstOrDefault(length => string.Equals(length.QueueName, queue.QueueName, StringComparison.Ordinal))?.Length))],
        [.. rule.Schedules.Select(schedule => new AutoscaleScheduleView(schedule.Name, schedule.Start, schedule.End, schedule.TimeZone, schedule.MinInstances))],
        decision is null ? null : new AutoscaleDecisionView(decision.CheckedAt, decision.Current, decision.Desired, decision.Reason, decision.NextAllowedChange, decision.LastChange, decision.Error));
}
