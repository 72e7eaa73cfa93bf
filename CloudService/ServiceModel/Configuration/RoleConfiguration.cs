namespace BackgroundRoles.ServiceModel;

/// <summary>
/// A cscfg <c>Role</c>: instance count, setting values and certificate thumbprints.
/// <see cref="InstanceCount"/> is null when <c>Instances</c> was missing or unreadable (already reported).
/// </summary>
public sealed record RoleConfiguration(
    string Name,
    int? InstanceCount,
    IReadOnlyList<ConfigurationSetting> Settings,
    IReadOnlyList<CertificateConfiguration> Certificates,
    SourceLocation Location)
{
    // Settings are looked up by exact name: the role runtime's GetConfigurationSettingValue is case-sensitive.
    // The first of duplicate names wins here; the validator reports the duplicate.
    private readonly Dictionary<string, ConfigurationSetting> _settingsByName = IndexByName(Settings);

    /// <summary>The setting named exactly <paramref name="name"/>; null when there is none.</summary>
    public ConfigurationSetting? FindSetting(string name) => _settingsByName.GetValueOrDefault(name);

    /// <summary>The certificate named exactly <paramref name="name"/>; null when there is none.</summary>
    public CertificateConfiguration? FindCertificate(string name) =>
        Certificates.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    private static Dictionary<string, ConfigurationSetting> IndexByName(IReadOnlyList<ConfigurationSetting> settings)
    {
        var byName = new Dictionary<string, ConfigurationSetting>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            byName.TryAdd(setting.Name, setting);
        }

        return byName;
    }
}
