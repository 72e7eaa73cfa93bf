using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Control;

/// <summary>The answer to <c>POST /update-config</c>: each change (secret values masked) and what the new settings did to each instance.</summary>
public sealed record UpdateConfigResponse(IReadOnlyList<string> Changes, IReadOnlyList<ChangeOutcome> Instances);
