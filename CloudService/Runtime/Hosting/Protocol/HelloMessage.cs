namespace BackgroundRoles.Hosting.Protocol;

/// <summary>The instance's first message: who it is, proven by the secret of its descriptor.</summary>
public sealed record HelloMessage(string InstanceId, string Secret, int ProcessId) : ChannelMessage;
