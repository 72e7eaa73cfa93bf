namespace BackgroundRoles.Fabric.Instances;

/// <summary>What new settings did to one instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Outcome"><c>applied</c> (Changing, then Changed), <c>recycled</c> (Changing cancelled, or no answer: it restarts with them) or <c>pending</c> (not running: it starts with them).</param>
public sealed record SettingsOutcome(string InstanceId, string Outcome);
