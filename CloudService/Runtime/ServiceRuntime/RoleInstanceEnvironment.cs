using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using BackgroundRoles.Hosting;
using BackgroundRoles.Supervision;

namespace BackgroundRoles.ServiceRuntime;

/// <summary>
/// The environment of one role instance: its settings, local resources, endpoints and topology, and the
/// events the fabric raises. The host builds one from a <see cref="RoleInstanceDescriptor"/> and installs it
/// behind the static <see cref="RoleEnvironment"/> facade; tests build their own.
/// </summary>
public sealed class RoleInstanceEnvironment
{
    private readonly Lock _gate = new();
    private readonly ImmutableDictionary<string, LocalResource> _localResources;
    private ImmutableDictionary<string, string> _settings;
    private int _recycleRequested;
    private SupervisorHealthReport? _health;

    public RoleInstanceEnvironment(RoleInstanceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
        _settings = descriptor.Settings.ToImmutableDictionary(StringComparer.Ordinal);
        _localResources = descriptor.LocalResources.ToImmutableDictionary(
            r => r.Name,
            r => new LocalResource(r.Name, WithTrailingSeparator(r.RootPath), r.SizeInMB),
            StringComparer.OrdinalIgnoreCase);

        var endpoints = descriptor.Endpoints.ToImmutableDictionary(
            e => e.Name,
            e => new RoleInstanceEndpoint(
                e.Name,
                e.Protocol,
                new IPEndPoint(IPAddress.Parse(e.Address), e.Port),
                e.PublicPort is int publicPort ? new IPEndPoint(IPAddress.Parse(e.Address), publicPort) : null));

        CurrentRoleInstance = new RoleInstance(descriptor.InstanceId, descriptor.RoleName, descriptor.UpdateDomain, descriptor.FaultDomain, endpoints);
        Roles = BuildRoles(descriptor, CurrentRoleInstance);
    }

    public RoleInstanceDescriptor Descriptor { get; }

    public string DeploymentId => Descriptor.DeploymentId;

    public bool IsEmulated => Descriptor.IsEmulated;

    public RoleInstance CurrentRoleInstance { get; }

    public IReadOnlyDictionary<string, Role> Roles { get; }

    /// <summary>The current settings; replaced whole by <see cref="ApplySettings"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings => _settings;

    /// <summary>
    /// How long Stopping plus OnStop may take: the descriptor's budget (five minutes by default), lowered by the
    /// role setting <see cref="HostDefaults.StopBudgetSetting"/> when it is present (a TimeSpan or seconds).
    /// </summary>
    public TimeSpan StopBudget =>
        TryGetConfigurationSettingValue(HostDefaults.StopBudgetSetting, out var text) && TryParseDuration(text, out var fromSetting) && fromSetting < Descriptor.StopBudget
            ? fromSetting
            : Descriptor.StopBudget;

    /// <summary>True once <see cref="RequestRecycle"/> was called.</summary>
    public bool IsRecycleRequested => Volatile.Read(ref _recycleRequested) != 0;

    public event EventHandler<RoleEnvironmentChangingEventArgs>? Changing;

    public event EventHandler<RoleEnvironmentChangedEventArgs>? Changed;

    public event EventHandler<RoleEnvironmentStoppingEventArgs>? Stopping;

    public event EventHandler<RoleInstanceStatusCheckEventArgs>? StatusCheck;

    /// <summary>Raised once when the role asks to be recycled; the host listens.</summary>
    public event EventHandler? RecycleRequested;

    /// <summary>Raised when the role publishes its supervisor's health; the control channel passes it to the fabric.</summary>
    public event EventHandler<SupervisorHealthReport>? HealthPublished;

    /// <summary>The last health the role published, or null.</summary>
    public SupervisorHealthReport? Health => Volatile.Read(ref _health);

    public string GetConfigurationSettingValue(string configurationSettingName) =>
        TryGetConfigurationSettingValue(configurationSettingName, out var value)
            ? value
            : throw new RoleEnvironmentException($"The configuration setting '{configurationSettingName}' is not declared for role '{Descriptor.RoleName}'.");

    public bool TryGetConfigurationSettingValue(string configurationSettingName, out string value) =>
        _settings.TryGetValue(configurationSettingName, out value!);

    public LocalResource GetLocalResource(string localResourceName) =>
        _localResources.TryGetValue(localResourceName, out var resource)
            ? resource
            : throw new RoleEnvironmentException($"The local resource '{localResourceName}' is not declared for role '{Descriptor.RoleName}'.");

    public void RequestRecycle()
    {
        if (Interlocked.Exchange(ref _recycleRequested, 1) == 0)
        {
            RecycleRequested?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Publishes the role's supervisor health (see <see cref="RoleSupervisor"/>) for the fabric to show.</summary>
    public void PublishHealth(SupervisorHealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Volatile.Write(ref _health, report);
        HealthPublished?.Invoke(this, report);
    }

    /// <summary>
    /// Applies new settings as the fabric does: Changing first (a handler may cancel, which means "recycle me
    /// instead"), then the new values, then Changed. Returns false when a handler cancelled; the settings are
    /// then left as they were and the caller recycles the instance.
    /// </summary>
    public bool ApplySettings(IReadOnlyDictionary<string, string> newSettings)
    {
        ArgumentNullException.ThrowIfNull(newSettings);
        lock (_gate)
        {
            var changes = _settings.Keys.Union(newSettings.Keys, StringComparer.Ordinal)
                .Where(name => !_settings.TryGetValue(name, out var old) || !newSettings.TryGetValue(name, out var now) || old != now)
                .Order(StringComparer.Ordinal)
                .Select(name => (RoleEnvironmentChange)new RoleEnvironmentConfigurationSettingChange(name))
                .ToList();
            if (changes.Count == 0)
            {
                return true;
            }

            var changing = new RoleEnvironmentChangingEventArgs(changes);
            Changing?.Invoke(this, changing);
            if (changing.Cancel)
            {
                return false;
            }

            _settings = newSettings.ToImmutableDictionary(StringComparer.Ordinal);
            Changed?.Invoke(this, new RoleEnvironmentChangedEventArgs(changes));
            return true;
        }
    }

    /// <summary>Raises Stopping; called by the host before OnStop.</summary>
    public void RaiseStopping() => Stopping?.Invoke(this, new RoleEnvironmentStoppingEventArgs());

    /// <summary>Raises StatusCheck and returns what the handlers decided.</summary>
    public RoleInstanceStatus CheckStatus()
    {
        var args = new RoleInstanceStatusCheckEventArgs(RoleInstanceStatus.Ready);
        StatusCheck?.Invoke(this, args);
        return args.Status;
    }

    private static IReadOnlyDictionary<string, Role> BuildRoles(RoleInstanceDescriptor descriptor, RoleInstance current)
    {
        var roles = new Dictionary<string, Role>(StringComparer.OrdinalIgnoreCase);
        foreach (var topology in descriptor.Roles)
        {
            var instances = topology.InstanceIds
                .Select(id => id == current.Id ? current : new RoleInstance(id, topology.Name, 0, 0, PeerEndpoints(topology, id)))
                .ToList();
            var role = new Role(topology.Name, instances);
            foreach (var instance in instances)
            {
                instance.Role = role;
            }

            roles[topology.Name] = role;
        }

        if (!roles.ContainsKey(current.RoleName))
        {
            var role = new Role(current.RoleName, [current]);
            current.Role = role;
            roles[current.RoleName] = role;
        }

        return roles;
    }

    /// <summary>Reads a duration written as seconds ("30") or as a TimeSpan ("00:00:30").</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    /// <summary>A peer's endpoints as the launcher listed them (its internal endpoints), so roles can reach each other.</summary>
    private static IReadOnlyDictionary<string, RoleInstanceEndpoint> PeerEndpoints(RoleTopologyDescriptor topology, string instanceId) =>
        topology.InstanceEndpoints.TryGetValue(instanceId, out var endpoints)
            ? endpoints.ToImmutableDictionary(e => e.Name, e => new RoleInstanceEndpoint(e.Name, e.Protocol, new IPEndPoint(IPAddress.Parse(e.Address), e.Port), null))
            : ImmutableDictionary<string, RoleInstanceEndpoint>.Empty;

    private static string WithTrailingSeparator(string path) =>
        Path.EndsInDirectorySeparator(path) ? path : path + Path.DirectorySeparatorChar;
}
