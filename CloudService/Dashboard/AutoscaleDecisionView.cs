namespace BackgroundRoles.Dashboard;

/// <summary>The emulator's last autoscale round for a role, as <c>./cloudservice status</c> shows it.</summary>
/// <param name="CheckedAt">When the round ran.</param>
/// <param name="Current">The instance count then.</param>
/// <param name="Desired">What the queues and schedules asked for, within the bounds.</param>
/// <param name="Reason">Why that count.</param>
/// <param name="NextAllowedChange">When a cool-down lets the count move towards <paramref name="Desired"/>; null when nothing waits.</param>
/// <param name="LastChange">The last change made (<c>1 -&gt; 3 (reason)</c>), or null.</param>
/// <param name="Error">Why the round could not read the queues or could not scale, or null.</param>
public sealed record AutoscaleDecisionView(
    DateTimeOffset CheckedAt,
    int Current,
    int Desired,
    string Reason,
    DateTimeOffset? NextAllowedChange,
    string? LastChange,
    string? Error);
