using Microsoft.WindowsAzure.ServiceRuntime;
using Runtime = BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>
/// Raises the SDK's events from the runtime's: one handler on each event of the installed
/// <see cref="Runtime.RoleInstanceEnvironment"/> translates the arguments, calls the SDK handlers and carries what
/// they decided back (Changing's Cancel, StatusCheck's SetBusy), so the fabric sees it as from any other role.
/// </summary>
internal static class EventBridge
{
    private static readonly Lock s_gate = new();
    private static Runtime.RoleInstanceEnvironment? s_attached;

    public static HandlerList<RoleEnvironmentChangingEventArgs> Changing { get; } = new();

    public static HandlerList<RoleEnvironmentChangedEventArgs> Changed { get; } = new();

    public static HandlerList<RoleEnvironmentStoppingEventArgs> Stopping { get; } = new();

    public static HandlerList<RoleInstanceStatusCheckEventArgs> StatusCheck { get; } = new();

    public static HandlerList<SimultaneousChangingEventArgs> SimultaneousChanging { get; } = new();

    public static HandlerList<SimultaneousChangedEventArgs> SimultaneousChanged { get; } = new();

    /// <summary>
    /// Attaches to the installed environment when it is not yet attached to it. The host installs the environment
    /// before it creates the entry point, so in a role the handlers of OnStart are always attached.
    /// </summary>
    public static void EnsureAttached()
    {
        Runtime.RoleInstanceEnvironment environment;
        try
        {
            environment = Runtime.RoleEnvironment.Current;
        }
        catch (Runtime.RoleEnvironmentException)
        {
            // No environment yet (code outside a role, or a test before it installs one): the next subscription or
            // the creation of the entry point attaches.
            return;
        }

        lock (s_gate)
        {
            if (ReferenceEquals(environment, s_attached))
            {
                return;
            }

            if (s_attached is { } previous)
            {
                Detach(previous);
            }

            environment.Changing += OnChanging;
            environment.Changed += OnChanged;
            environment.Stopping += OnStopping;
            environment.StatusCheck += OnStatusCheck;
            s_attached = environment;
        }
    }

    /// <summary>Detaches and forgets every handler; for tests.</summary>
    internal static void Reset()
    {
        lock (s_gate)
        {
            if (s_attached is { } previous)
            {
                Detach(previous);
                s_attached = null;
            }
        }

        Changing.Clear();
        Changed.Clear();
        Stopping.Clear();
        StatusCheck.Clear();
        SimultaneousChanging.Clear();
        SimultaneousChanged.Clear();
    }

    private static void Detach(Runtime.RoleInstanceEnvironment environment)
    {
        environment.Changing -= OnChanging;
        environment.Changed -= OnChanged;
        environment.Stopping -= OnStopping;
        environment.StatusCheck -= OnStatusCheck;
    }

    private static void OnChanging(object? sender, Runtime.RoleEnvironmentChangingEventArgs e)
    {
        if (Changing.IsEmpty)
        {
            return;
        }

        var args = new RoleEnvironmentChangingEventArgs(Translate(e.Changes));
        Changing.Invoke(args);
        if (args.Cancel)
        {
            e.Cancel = true;
        }
    }

    private static void OnChanged(object? sender, Runtime.RoleEnvironmentChangedEventArgs e)
    {
        if (!Changed.IsEmpty)
        {
            Changed.Invoke(new RoleEnvironmentChangedEventArgs(Translate(e.Changes)));
        }
    }

    private static void OnStopping(object? sender, Runtime.RoleEnvironmentStoppingEventArgs e) =>
        Stopping.Invoke(new RoleEnvironmentStoppingEventArgs());

    private static void OnStatusCheck(object? sender, Runtime.RoleInstanceStatusCheckEventArgs e)
    {
        var args = new RoleInstanceStatusCheckEventArgs(e.Status == Runtime.RoleInstanceStatus.Busy ? RoleInstanceStatus.Busy : RoleInstanceStatus.Ready);
        StatusCheck.Invoke(args);
        if (args.Status == RoleInstanceStatus.Busy)
        {
            e.SetBusy();
        }
    }

    private static List<RoleEnvironmentChange> Translate(IEnumerable<Runtime.RoleEnvironmentChange> changes) =>
        [.. changes.Select(Translate).OfType<RoleEnvironmentChange>()];

    private static RoleEnvironmentChange? Translate(Runtime.RoleEnvironmentChange change) => change switch
    {
        Runtime.RoleEnvironmentConfigurationSettingChange setting => new RoleEnvironmentConfigurationSettingChange(setting.ConfigurationSettingName),
        Runtime.RoleEnvironmentTopologyChange topology => new RoleEnvironmentTopologyChange(topology.RoleName),
        _ => null,
    };
}
