namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>A configuration setting of the current role changed.</summary>
public class RoleEnvironmentConfigurationSettingChange : RoleEnvironmentChange, IEquatable<RoleEnvironmentConfigurationSettingChange>
{
    public RoleEnvironmentConfigurationSettingChange(string configurationSettingName)
    {
        ConfigurationSettingName = configurationSettingName;
    }

    public string ConfigurationSettingName { get; }

    public bool Equals(RoleEnvironmentConfigurationSettingChange? other) =>
        other is not null && string.Equals(ConfigurationSettingName, other.ConfigurationSettingName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as RoleEnvironmentConfigurationSettingChange);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ConfigurationSettingName);
}
