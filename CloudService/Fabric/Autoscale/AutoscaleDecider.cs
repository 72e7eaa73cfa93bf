using System.Globalization;
using BackgroundRoles.Fabric.Autoscale.Internal;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>
/// Applies a <see cref="RoleAutoscaleRule"/> to one moment: the queue lengths, the clock and what was remembered from
/// earlier rounds give the count to move to now and the reason. Pure: no storage, no clock of its own.
/// </summary>
/// <remarks>
/// The desired count is the largest of the rule's minimum, each queue's length divided by its messages per instance
/// (rounded up) and each open schedule's floor, capped by the rule's maximum. A count outside the rule's bounds (the
/// cscfg's) moves inside at once. Otherwise it grows by at most the scale-out step once the scale-out cool-down since
/// the last scale-out has passed, and shrinks by at most the scale-in step once the desired count has stayed lower for
/// the scale-in cool-down and that long has passed since the last change in either direction.
/// </remarks>
public static class AutoscaleDecider
{
    /// <summary>Decides for <paramref name="rule"/> with <paramref name="current"/> instances running.</summary>
    public static AutoscaleDecision Decide(RoleAutoscaleRule rule, int current, IReadOnlyList<QueueLength> lengths, DateTimeOffset now, AutoscaleMemory memory)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(memory);
        var (desired, why) = Desired(rule, lengths, now);
        DateTimeOffset? lowerSince = desired < current ? memory.LowerSince ?? now : null;
        var remembered = memory with { LowerSince = lowerSince };

        if (current < rule.MinInstances || current > rule.MaxInstances)
        {
            var inside = Math.Clamp(current, rule.MinInstances, rule.MaxInstances);
            return new AutoscaleDecision(current, desired, inside, $"{why}; {current} lies outside the rule's {rule.MinInstances} to {rule.MaxInstances}", null, remembered);
        }

        if (desired > current)
        {
            var allowedAt = memory.LastScaleOut is { } last ? last + rule.ScaleOutCooldown : now;
            if (now < allowedAt)
            {
                return Hold(current, desired, $"{why}; scale-out cool-down until {Format(allowedAt)}", allowedAt, remembered);
            }

            var target = Math.Min(current + rule.ScaleOutStep, desired);
            return new AutoscaleDecision(current, desired, target, target < desired ? $"{why}, step {rule.ScaleOutStep}" : why, null, remembered);
        }

        if (desired < current)
        {
            var allowedAt = lowerSince!.Value + rule.ScaleInCooldown;
            if (memory.LastChange is { } changed && changed + rule.ScaleInCooldown > allowedAt)
            {
                allowedAt = changed + rule.ScaleInCooldown;
            }

            if (now < allowedAt)
            {
                return Hold(current, desired, $"{why}; scale-in cool-down until {Format(allowedAt)}", allowedAt, remembered);
            }

            var target = Math.Max(current - rule.ScaleInStep, desired);
            return new AutoscaleDecision(current, desired, target, target > desired ? $"{why}, step {rule.ScaleInStep}" : why, null, remembered);
        }

        return Hold(current, desired, why, null, remembered);
    }

    private static AutoscaleDecision Hold(int current, int desired, string reason, DateTimeOffset? allowedAt, AutoscaleMemory memory) =>
        new(current, desired, current, reason, allowedAt, memory);

    /// <summary>The desired count and the reason: the demand that won, then the bound that changed it.</summary>
    private static (int Desired, string Why) Desired(RoleAutoscaleRule rule, IReadOnlyList<QueueLength> lengths, DateTimeOffset now)
    {
        var demand = 0;
        string? why = null;
        foreach (var trigger in rule.Queues)
        {
            var length = lengths.FirstOrDefault(l => string.Equals(l.QueueName, trigger.QueueName, StringComparison.Ordinal))?.Length ?? 0;
            var wanted = (int)Math.Min(int.MaxValue, ((long)length + trigger.MessagesPerInstance - 1) / trigger.MessagesPerInstance);
            if (why is null || wanted > demand)
            {
                demand = wanted;
                why = string.Create(CultureInfo.InvariantCulture, $"{trigger.QueueName}: {length} message{(length == 1 ? string.Empty : "s")} / {trigger.MessagesPerInstance} per instance = {wanted}");
            }
        }

        foreach (var schedule in rule.Schedules)
        {
            if (schedule.MinInstances > demand && ScheduleWindow.IsOpen(schedule, now))
            {
                demand = schedule.MinInstances;
                why = why is null ? $"schedule {schedule.Name}: at least {demand}" : $"{why}, schedule {schedule.Name}: at least {demand}";
            }
        }

        if (demand < rule.MinInstances)
        {
            return (rule.MinInstances, why is null ? $"min {rule.MinInstances}" : $"{why}, min {rule.MinInstances}");
        }

        return demand > rule.MaxInstances ? (rule.MaxInstances, $"{why}, max {rule.MaxInstances}") : (demand, why!);
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
