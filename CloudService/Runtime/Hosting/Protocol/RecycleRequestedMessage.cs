namespace BackgroundRoles.Hosting.Protocol;

/// <summary>The role called RequestRecycle: it is stopping and will exit with the recycle code.</summary>
public sealed record RecycleRequestedMessage : ChannelMessage;
