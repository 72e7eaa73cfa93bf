namespace BackgroundRoles.Fabric;

/// <summary>A role's settings as the running deployment has them now: the cscfg's, with set-config's changes.</summary>
public sealed partial class LocalDeployment
{
    /// <summary>The current value of a role's setting (after any set-config); false when the role has no value for it.</summary>
    public bool TryGetSetting(string roleName, string settingName, out string value)
    {
        lock (_gate)
        {
            if (_roleSettings.TryGetValue(roleName, out var changed) && changed.TryGetValue(settingName, out var current))
            {
                value = current;
                return true;
            }
        }

        value = _configuration.FindRole(roleName)?.FindSetting(settingName)?.Value ?? string.Empty;
        return _configuration.FindRole(roleName)?.FindSetting(settingName) is not null;
    }
}
