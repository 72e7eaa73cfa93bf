namespace BackgroundRoles.Hosting.Protocol;

/// <summary>Stop the instance, as SIGTERM does: Stopping, OnStop, exit 0.</summary>
public sealed record StopMessage(string Reason) : ChannelMessage;
