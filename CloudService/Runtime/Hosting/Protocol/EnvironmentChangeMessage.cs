namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// A change to the instance's role environment (<see cref="ApplySettingsMessage"/>, <see cref="ApplyTopologyMessage"/>):
/// raise Changing, then apply and raise Changed, and answer with a <see cref="ChangeResultMessage"/> carrying the same
/// <paramref name="Id"/>. A cancelled Changing answers not applied, and the fabric recycles the instance.
/// </summary>
public abstract record EnvironmentChangeMessage(long Id) : ChannelMessage;
