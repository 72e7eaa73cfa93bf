namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>
/// What the decider needs to remember between rounds for one role: when it last scaled out, when it last changed the
/// count, and since when the queues have asked for fewer instances than run (a scale-in waits for that to hold).
/// </summary>
/// <param name="LastScaleOut">The last scale-out, or null when none happened yet.</param>
/// <param name="LastChange">The last change in either direction, or null.</param>
/// <param name="LowerSince">Since when the desired count has stayed below the current one, or null while it does not.</param>
public sealed record AutoscaleMemory(DateTimeOffset? LastScaleOut = null, DateTimeOffset? LastChange = null, DateTimeOffset? LowerSince = null)
{
    /// <summary>Nothing remembered: the first round of a role.</summary>
    public static AutoscaleMemory None { get; } = new();

    /// <summary>This memory after the count was changed at <paramref name="at"/> (outwards when <paramref name="scaledOut"/>).</summary>
    public AutoscaleMemory Changed(DateTimeOffset at, bool scaledOut) =>
        this with { LastChange = at, LastScaleOut = scaledOut ? at : LastScaleOut };
}
