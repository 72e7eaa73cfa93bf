namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// The answer to an <see cref="EnvironmentChangeMessage"/> <paramref name="Id"/>: applied (Changing, then Changed), or
/// not (a Changing handler cancelled, or a handler threw: <paramref name="Error"/>); the fabric then recycles.
/// </summary>
public sealed record ChangeResultMessage(long Id, bool Applied, string? Error = null) : ChannelMessage;
