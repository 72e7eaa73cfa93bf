using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Control;

/// <summary>The answer to <c>POST /set-config</c>: what the new settings did to each instance.</summary>
public sealed record SetConfigResponse(IReadOnlyList<ChangeOutcome> Instances);
