using System.Diagnostics;
using BackgroundRoles.Compat.Diagnostics;
using BackgroundRoles.Compat.ServiceRuntime;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>
/// The SDK's role environment: a static facade over the runtime's
/// <see cref="BackgroundRoles.ServiceRuntime.RoleEnvironment"/> (settings, local resources, topology, recycle) with
/// the SDK's types: <see cref="IDictionary{TKey, TValue}"/> and <see cref="System.Collections.ObjectModel.ReadOnlyCollection{T}"/>
/// where the SDK had them, and its exception type.
/// </summary>
public static partial class RoleEnvironment
{
    /// <summary>
    /// The SDK's trace source for role code. What is traced through it goes to the instance's log4net log, under
    /// the logger <c>Microsoft.WindowsAzure.ServiceRuntime</c>; every level is passed on and the log4net config filters.
    /// </summary>
    public static readonly TraceSource TraceSource = TraceRouting.CreateRoleTraceSource();

    /// <summary>True when the code runs in a role instance.</summary>
    public static bool IsAvailable => BackgroundRoles.ServiceRuntime.RoleEnvironment.IsAvailable;

    /// <summary>True under the local emulator or a standalone host.</summary>
    public static bool IsEmulated => RuntimeCall.Invoke(() => BackgroundRoles.ServiceRuntime.RoleEnvironment.IsEmulated);

    public static string DeploymentId => RuntimeCall.Invoke(() => BackgroundRoles.ServiceRuntime.RoleEnvironment.DeploymentId);

    public static RoleInstance CurrentRoleInstance => EnvironmentAdapter.Current.CurrentRoleInstance;

    /// <summary>Every role of the deployment by name (read-only); follows topology changes.</summary>
    public static IDictionary<string, Role> Roles => EnvironmentAdapter.Current.Roles;

    /// <summary>The value of a setting; throws <see cref="RoleEnvironmentException"/> for an undeclared one.</summary>
    public static string GetConfigurationSettingValue(string configurationSettingName) =>
        RuntimeCall.Invoke(() => BackgroundRoles.ServiceRuntime.RoleEnvironment.GetConfigurationSettingValue(configurationSettingName));

    /// <summary>A local resource; throws <see cref="RoleEnvironmentException"/> for an undeclared one.</summary>
    public static LocalResource GetLocalResource(string localResourceName) =>
        new AdaptedLocalResource(RuntimeCall.Invoke(() => BackgroundRoles.ServiceRuntime.RoleEnvironment.GetLocalResource(localResourceName)));

    /// <summary>Asks the host to stop this instance (Stopping, OnStop) and start it again.</summary>
    public static void RequestRecycle() => RuntimeCall.Invoke(() =>
    {
        BackgroundRoles.ServiceRuntime.RoleEnvironment.RequestRecycle();
        return true;
    });
}
