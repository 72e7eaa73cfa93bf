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
    private IReadOnlyList<RoleTopologyDescriptor> _topology;
    private IReadOnlyDictionary<string, Role> _roles;
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
        _topology = descriptor.Roles;
        _roles = BuildRoles(_topology, CurrentRoleInstance);
    }

    /// <summary>The descriptor the instance started with; <see cref="Settings"/> and <see cref="Roles"/> follow later changes.</summary>
    public RoleInstanceDescriptor Descriptor { get; }

    public string DeploymentId => Descriptor.DeploymentId;

    public bool IsEmulated => Descriptor.IsEmulated;

    public RoleInstance CurrentRoleInstance { get; }

    /// <summary>Every role with the instances the current one knows of; replaced whole by <see cref="ApplyTopology"/>.</summary>
    public IReadOnlyDictionary<string, Role> Roles => Volatile.Read(ref _roles);

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
    /// Applies new settings as the fabric does: Changing first, with a <see cref="RoleEnvironmentConfigurationSettingChange"/>
    /// for each setting whose value differs (a handler may cancel, which means "recycle me instead"), then the new
    /// values, then Changed. Returns false when a handler cancelled; the settings are then left as they were and the
    /// caller recycles the instance. Nothing differs: no event, true.
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
            return Apply(changes, () => _settings = newSettings.ToImmutableDictionary(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Applies a new topology (every role with its instances, as a descriptor lists them) as the fabric does when a
    /// role is scaled: Changing first, with a <see cref="RoleEnvironmentTopologyChange"/> for each role whose instances
    /// differ (a handler may cancel: "recycle me instead"), then <see cref="Roles"/> lists the new instances, then
    /// Changed. Returns false when a handler cancelled; <see cref="Roles"/> is then left as it was and the caller
    /// recycles the instance. Nothing differs: no event, true.
    /// </summary>
    public bool ApplyTopology(IReadOnlyList<RoleTopologyDescriptor> newTopology)
    {
        ArgumentNullException.ThrowIfNull(newTopology);
        lock (_gate)
        {
            var changes = RoleTopology.ChangedRoles(_topology, newTopology)
                .Select(name => (RoleEnvironmentChange)new RoleEnvironmentTopologyChange(name))
                .ToList();
            return Apply(changes, () =>
            {
                _topology = newTopology;
                Volatile.Write(ref _roles, BuildRoles(newTopology, CurrentRoleInstance));
            });
        }
    }

    /// <summary>Changing; unless a handler cancelled, <paramref name="commit"/> and Changed. Called under the gate, so changes apply one at a time.</summary>
    private bool Apply(List<RoleEnvironmentChange> changes, Action commit)
    {
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

        commit();
        Changed?.Invoke(this, new RoleEnvironmentChangedEventArgs(changes));
        return true;
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

    private static IReadOnlyDictionary<string, Role> BuildRoles(IReadOnlyList<RoleTopologyDescriptor> topology, RoleInstance current)
    {
        var roles = new Dictionary<string, Role>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, described) in RoleTopology.ByName(topology))
        {
            var instances = described.InstanceIds
                .Select(id => id == current.Id ? current : new RoleInstance(id, described.Name, 0, 0, PeerEndpoints(described, id)))
                .ToList();
            var role = new Role(described.Name, instances);
            foreach (var instance in instances)
            {
                instance.Role = role;
            }

            roles[name] = role;
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
