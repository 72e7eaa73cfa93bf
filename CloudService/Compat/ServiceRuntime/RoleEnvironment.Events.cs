using BackgroundRoles.Compat.ServiceRuntime;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>The SDK's events, each raised from the runtime's own event with the SDK's argument types.</summary>
public static partial class RoleEnvironment
{
    /// <summary>Before a configuration or topology change; setting Cancel recycles the instance instead.</summary>
    public static event EventHandler<RoleEnvironmentChangingEventArgs>? Changing
    {
        add => EventBridge.Changing.Add(value);
        remove => EventBridge.Changing.Remove(value);
    }

    /// <summary>After a configuration or topology change was applied.</summary>
    public static event EventHandler<RoleEnvironmentChangedEventArgs>? Changed
    {
        add => EventBridge.Changed.Add(value);
        remove => EventBridge.Changed.Remove(value);
    }

    /// <summary>When the instance is about to stop, before OnStop.</summary>
    public static event EventHandler<RoleEnvironmentStoppingEventArgs>? Stopping
    {
        add => EventBridge.Stopping.Add(value);
        remove => EventBridge.Stopping.Remove(value);
    }

    /// <summary>Every 15 seconds; a handler calls SetBusy to take the instance out of the load balancer.</summary>
    public static event EventHandler<RoleInstanceStatusCheckEventArgs>? StatusCheck
    {
        add => EventBridge.StatusCheck.Add(value);
        remove => EventBridge.StatusCheck.Remove(value);
    }

    /// <summary>
    /// Before a change announced to every instance at once. The platform raised it only for roles declared with
    /// <c>topologyChangeDiscovery="Blast"</c>; the local fabric announces every change through <see cref="Changing"/>,
    /// so handlers are kept and never called.
    /// </summary>
    public static event EventHandler<SimultaneousChangingEventArgs>? SimultaneousChanging
    {
        add => EventBridge.SimultaneousChanging.Add(value);
        remove => EventBridge.SimultaneousChanging.Remove(value);
    }

    /// <summary>After a change announced to every instance at once; see <see cref="SimultaneousChanging"/>.</summary>
    public static event EventHandler<SimultaneousChangedEventArgs>? SimultaneousChanged
    {
        add => EventBridge.SimultaneousChanged.Add(value);
        remove => EventBridge.SimultaneousChanged.Remove(value);
    }
}
