namespace BackgroundRoles.ServiceModel;

/// <summary>A cscfg <c>Setting name value</c>; an empty value is a real value.</summary>
public sealed record ConfigurationSetting(string Name, string Value, SourceLocation Location);
