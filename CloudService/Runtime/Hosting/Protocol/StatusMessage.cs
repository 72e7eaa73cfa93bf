namespace BackgroundRoles.Hosting.Protocol;

/// <summary>The instance's status changed (OnStart began, a StatusCheck flipped, Stopping began).</summary>
public sealed record StatusMessage(InstanceStatus Status) : ChannelMessage;
