namespace BackgroundRoles.Hosting.Protocol;

/// <summary>New configuration settings for the instance, the whole set: one Changing and Changed for those that differ.</summary>
public sealed record ApplySettingsMessage(long Id, IReadOnlyDictionary<string, string> Settings) : EnvironmentChangeMessage(Id);
