namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// The answer to <see cref="ApplySettingsMessage"/> <paramref name="Id"/>: applied (Changing, then Changed), or
/// not (a Changing handler cancelled, or a handler threw: <paramref name="Error"/>); the fabric then recycles.
/// </summary>
public sealed record SettingsResultMessage(long Id, bool Applied, string? Error = null) : ChannelMessage;
