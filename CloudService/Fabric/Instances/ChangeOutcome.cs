namespace BackgroundRoles.Fabric.Instances;

/// <summary>What a change (new settings, a new topology) did to one instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Outcome">
/// <c>applied</c> (Changing, then Changed), <c>recycled</c> (Changing cancelled, a handler threw or no answer: it
/// restarts with the change) or <c>pending</c> (its role process is not connected: it gets the change when it
/// connects, or starts with it); for a topology, also <c>unchanged</c> (it has that topology already) and
/// <c>not-raised</c> (its role declares no internal endpoint: as on the platform, no Changing or Changed; it starts
/// with the new topology next time).
/// </param>
public sealed record ChangeOutcome(string InstanceId, string Outcome)
{
    public const string Applied = "applied";

    public const string Recycled = "recycled";

    public const string Pending = "pending";

    public const string Unchanged = "unchanged";

    public const string NotRaised = "not-raised";
}
