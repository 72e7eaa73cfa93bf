namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// New configuration settings (the whole set) for the instance: raise Changing, then apply and raise Changed,
/// and answer with a <see cref="SettingsResultMessage"/> carrying the same <paramref name="Id"/>.
/// </summary>
public sealed record ApplySettingsMessage(long Id, IReadOnlyDictionary<string, string> Settings) : ChannelMessage;
