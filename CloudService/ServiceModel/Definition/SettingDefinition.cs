namespace BackgroundRoles.ServiceModel;

/// <summary>A <c>ConfigurationSettings/Setting</c> declared by a role; the value lives in the configuration.</summary>
public sealed record SettingDefinition(string Name, SourceLocation Location);
