using BackgroundRoles.Supervision;

namespace BackgroundRoles.Hosting.Protocol;

/// <summary>The health of the role's supervised background tasks, when the role publishes it.</summary>
public sealed record HealthMessage(SupervisorHealthReport Report) : ChannelMessage;
