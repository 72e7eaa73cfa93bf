namespace BackgroundRoles.ServiceModel;

/// <summary>
/// How one role's instance count follows its queues and the clock. The count stays within
/// [<see cref="MinInstances"/>, <see cref="MaxInstances"/>]; for each queue the wanted count is its length divided by
/// <see cref="QueueScaleTrigger.MessagesPerInstance"/>, rounded up, and the largest of the queues' counts and of the
/// active schedules' floors wins. It grows by at most <see cref="ScaleOutStep"/> instances per
/// <see cref="ScaleOutCooldown"/> and shrinks by at most <see cref="ScaleInStep"/> per <see cref="ScaleInCooldown"/>.
/// </summary>
public sealed record RoleAutoscaleRule
{
    /// <summary>The role's name as the rule file writes it; it must name a role of the csdef.</summary>
    public required string RoleName { get; init; }

    /// <summary>The fewest instances, 1 or more (a Cloud Services role never ran with none).</summary>
    public required int MinInstances { get; init; }

    /// <summary>The most instances, at least <see cref="MinInstances"/>.</summary>
    public required int MaxInstances { get; init; }

    /// <summary>The role setting that holds the queues' storage connection string.</summary>
    public string ConnectionSetting { get; init; } = AutoscaleDefaults.ConnectionSetting;

    /// <summary>The queues whose length drives the count.</summary>
    public IReadOnlyList<QueueScaleTrigger> Queues { get; init; } = [];

    /// <summary>Instances added at most per <see cref="ScaleOutCooldown"/>.</summary>
    public int ScaleOutStep { get; init; } = AutoscaleDefaults.ScaleOutStep;

    /// <summary>Instances removed at most per <see cref="ScaleInCooldown"/>.</summary>
    public int ScaleInStep { get; init; } = AutoscaleDefaults.ScaleInStep;

    /// <summary>The time after a scale-out before the next one.</summary>
    public TimeSpan ScaleOutCooldown { get; init; } = AutoscaleDefaults.ScaleOutCooldown;

    /// <summary>The time after any scaling before a scale-in, and how long the lower count must hold first.</summary>
    public TimeSpan ScaleInCooldown { get; init; } = AutoscaleDefaults.ScaleInCooldown;

    /// <summary>Time-of-day floors on the instance count.</summary>
    public IReadOnlyList<AutoscaleSchedule> Schedules { get; init; } = [];

    /// <summary>Where the role's entry is in the rule file.</summary>
    public required SourceLocation Location { get; init; }
}
