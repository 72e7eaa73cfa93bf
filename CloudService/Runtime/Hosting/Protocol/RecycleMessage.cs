namespace BackgroundRoles.Hosting.Protocol;

/// <summary>Recycle the instance: Stopping, OnStop, exit with the recycle code; the fabric starts it again.</summary>
public sealed record RecycleMessage(string Reason) : ChannelMessage;
