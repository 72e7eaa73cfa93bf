namespace BackgroundRoles.ServiceRuntime;

/// <summary>A change to the role environment, carried by the Changing and Changed events.</summary>
public abstract class RoleEnvironmentChange
{
    private protected RoleEnvironmentChange()
    {
    }
}

/// <summary>A configuration setting of the current role changed.</summary>
public sealed class RoleEnvironmentConfigurationSettingChange : RoleEnvironmentChange
{
    public RoleEnvironmentConfigurationSettingChange(string configurationSettingName)
    {
        ConfigurationSettingName = configurationSettingName;
    }

    public string ConfigurationSettingName { get; }
}

/// <summary>The instances of a role changed (scaled, for example).</summary>
public sealed class RoleEnvironmentTopologyChange : RoleEnvironmentChange
{
    public RoleEnvironmentTopologyChange(string roleName)
    {
        RoleName = roleName;
    }

    public string RoleName { get; }
}
