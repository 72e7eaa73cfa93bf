namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>One round's decision for one role: the count it should move to now and why.</summary>
/// <param name="Current">The instance count the role has.</param>
/// <param name="Desired">What the queues and schedules ask for, within the rule's bounds.</param>
/// <param name="Target">The count to move to now (steps and cool-downs applied); <paramref name="Current"/> when it holds.</param>
/// <param name="Reason">Why, e.g. <c>orders: 100 messages / 20 per instance = 5, step 2</c>.</param>
/// <param name="NextAllowedChange">While it holds short of <paramref name="Desired"/>: when a cool-down lets it move; else null.</param>
/// <param name="Memory">The memory to keep for the next round (before the change is applied; see <see cref="AutoscaleMemory.Changed"/>).</param>
public sealed record AutoscaleDecision(int Current, int Desired, int Target, string Reason, DateTimeOffset? NextAllowedChange, AutoscaleMemory Memory)
{
    /// <summary>True when the count should change now.</summary>
    public bool Changes => Target != Current;

    /// <summary>True when the change adds instances.</summary>
    public bool ScalesOut => Target > Current;
}
