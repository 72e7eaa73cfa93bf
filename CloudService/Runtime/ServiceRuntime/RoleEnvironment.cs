namespace BackgroundRoles.ServiceRuntime;

/// <summary>
/// The role environment as Cloud Services code knows it. A static facade over the
/// <see cref="RoleInstanceEnvironment"/> that the host installs with <see cref="Install"/>.
/// </summary>
public static class RoleEnvironment
{
    private static RoleInstanceEnvironment? s_current;

    /// <summary>True when the code runs in a role instance (an environment is installed).</summary>
    public static bool IsAvailable => s_current is not null;

    /// <summary>True under the local emulator or a standalone host.</summary>
    public static bool IsEmulated => Current.IsEmulated;

    public static string DeploymentId => Current.DeploymentId;

    public static RoleInstance CurrentRoleInstance => Current.CurrentRoleInstance;

    public static IReadOnlyDictionary<string, Role> Roles => Current.Roles;

    /// <summary>Before a configuration or topology change; set Cancel to recycle instead.</summary>
    public static event EventHandler<RoleEnvironmentChangingEventArgs>? Changing
    {
        add => Current.Changing += value;
        remove => Current.Changing -= value;
    }

    /// <summary>After a configuration or topology change was applied.</summary>
    public static event EventHandler<RoleEnvironmentChangedEventArgs>? Changed
    {
        add => Current.Changed += value;
        remove => Current.Changed -= value;
    }

    /// <summary>When the instance is about to stop, before OnStop.</summary>
    public static event EventHandler<RoleEnvironmentStoppingEventArgs>? Stopping
    {
        add => Current.Stopping += value;
        remove => Current.Stopping -= value;
    }

    /// <summary>Periodically; call SetBusy to take the instance out of the load balancer.</summary>
    public static event EventHandler<RoleInstanceStatusCheckEventArgs>? StatusCheck
    {
        add => Current.StatusCheck += value;
        remove => Current.StatusCheck -= value;
    }

    /// <summary>The value of a setting; throws <see cref="RoleEnvironmentException"/> for an unknown one.</summary>
    public static string GetConfigurationSettingValue(string configurationSettingName) =>
        Current.GetConfigurationSettingValue(configurationSettingName);

    /// <summary>A local resource; throws <see cref="RoleEnvironmentException"/> for an unknown one.</summary>
    public static LocalResource GetLocalResource(string localResourceName) => Current.GetLocalResource(localResourceName);

    /// <summary>Asks the host to stop this instance (Stopping, OnStop) and start it again.</summary>
    public static void RequestRecycle() => Current.RequestRecycle();

    /// <summary>The installed environment; throws when none is.</summary>
    public static RoleInstanceEnvironment Current =>
        Volatile.Read(ref s_current)
        ?? throw new RoleEnvironmentException("The role environment is not available: the code is not running in a role instance.");

    /// <summary>Installs the environment the facade delegates to; null uninstalls. Called by the host and by tests.</summary>
    public static void Install(RoleInstanceEnvironment? environment) => Volatile.Write(ref s_current, environment);
}
