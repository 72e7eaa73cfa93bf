namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>A role's autoscale rule as the emulator last applied it: what <c>status</c> shows.</summary>
/// <param name="MinInstances">The rule's fewest instances.</param>
/// <param name="MaxInstances">The rule's most instances.</param>
/// <param name="Queues">Each queue of the rule with its last read length.</param>
/// <param name="Current">The instance count at the last round.</param>
/// <param name="Desired">What the queues and schedules asked for at the last round, within the bounds.</param>
/// <param name="Reason">Why that count.</param>
/// <param name="NextAllowedChange">When a cool-down lets the count move towards <paramref name="Desired"/>; null when nothing waits.</param>
/// <param name="CheckedAt">When the last round ran.</param>
/// <param name="LastChange">The last change the autoscaler made (<c>1 -&gt; 3 (reason)</c>), or null.</param>
/// <param name="Error">Why the last round could not decide (queues unreadable) or could not scale (refused), or null.</param>
public sealed record AutoscaleView(
    int MinInstances,
    int MaxInstances,
    IReadOnlyList<QueueLength> Queues,
    int Current,
    int Desired,
    string Reason,
    DateTimeOffset? NextAllowedChange,
    DateTimeOffset CheckedAt,
    string? LastChange,
    string? Error);
