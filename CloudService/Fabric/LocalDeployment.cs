using BackgroundRoles.Fabric.Channel;
using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Every instance of every role of a service model, each as its own process, kept running the way the fabric
/// does: startup tasks, then the role process driven through a control channel; an instance that exits (a
/// recycle, a crash) is started again after a crash-loop backoff, until the deployment stops; then each instance
/// gets Stop (Stopping, OnStop) and its stop budget. Operations (<see cref="ScaleAsync"/>, <see cref="Recycle"/>,
/// <see cref="SetConfigurationAsync"/>, <see cref="Stop"/>) may come from any thread while it runs.
/// </summary>
/// <remarks>
/// The emulator (<see cref="Emulator.EmulatorSession"/>) puts its slot's load balancer (<see cref="LoadBalancing.PublicFrontend"/>) on <see cref="PublicEndpoints"/> and
/// each instance's <see cref="InstancePublicEndpoints"/>, and routes by <see cref="GetInstances"/> and
/// <see cref="InstancesChanged"/>: only instances in <see cref="InstanceState.Ready"/> take traffic (Busy ones too with
/// ignoreRoleInstanceStatus, and for an instance input endpoint); instances listen on private ports. Roles run from
/// <paramref name="roleFiles"/> (a package's approots, by role name), else from their build output.
/// </remarks>
public sealed partial class LocalDeployment(
    ServiceDefinition definition,
    ServiceConfiguration configuration,
    FabricLayout layout,
    TextWriter output,
    IReadOnlyDictionary<string, RoleFiles>? roleFiles = null,
    LocalDeploymentOptions? options = null)
{
    private readonly Lock _outputGate = new();

    // What new instances are built from; an upgrade replaces all three once every update domain runs the new package.
    private ServiceDefinition _definition = definition;
    private ServiceConfiguration _configuration = configuration;
    private IReadOnlyDictionary<string, RoleFiles>? _roleFiles = roleFiles;
    private readonly Lock _gate = new();
    private readonly List<RoleInstanceRunner> _runners = [];
    private readonly List<Task> _runs = [];
    private readonly Dictionary<string, int> _targetCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _roleSettings = new(StringComparer.OrdinalIgnoreCase);
    private readonly InstancePorts _instancePorts = new(options?.Ports ?? new PortAllocator());
    private readonly Dictionary<string, IReadOnlyList<PublicEndpoint>> _instancePublicEndpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ControlChannelServer? _channels;
    private IReadOnlyList<PublicEndpoint>? _publicEndpoints;
    private FabricLayout? _layout;
    private bool _stopping;

    /// <summary>The compute emulator's form, <c>deployment16(&lt;M&gt;)</c> (<see cref="DeploymentIds.NextEmulated"/>).</summary>
    public string DeploymentId { get; } = DeploymentIds.NextEmulated(layout.StateDirectory);

    public string ServiceName => _definition.Name;

    /// <summary>The csdef it runs.</summary>
    public ServiceDefinition Definition => _definition;

    public DateTimeOffset StartedAt { get; private set; }

    public LocalDeploymentOptions Options { get; } = options ?? new LocalDeploymentOptions();

    /// <summary>Where its instances keep their state: the emulator's layout, with a folder of its own under SeparateState.</summary>
    public FabricLayout Layout => _layout ??= Options.SeparateState ? layout with { DeploymentFolder = FolderName(DeploymentId) } : layout;

    private PortAllocator Ports => _instancePorts.Allocator;

    /// <summary>True once the deployment was asked to stop.</summary>
    public bool IsStopping
    {
        get
        {
            lock (_gate)
            {
                return _stopping;
            }
        }
    }

    /// <summary>Raised, on the thread that made the change, whenever an instance of a role changes state, health or count.</summary>
    public event EventHandler<InstancesChangedEventArgs>? InstancesChanged;

    internal ControlChannelServer Channels => _channels ?? throw new InvalidOperationException("The deployment is not running.");

    internal string StopReason { get; private set; } = "the deployment is stopping";

    /// <summary>Builds every instance's spec; returns the problems instead when any instance cannot be built.</summary>
    public (IReadOnlyList<RoleInstanceSpec> Specs, IReadOnlyList<string> Errors) Plan()
    {
        var specs = new List<RoleInstanceSpec>();
        var errors = new List<string>();

        // Public ports first, so no instance's private port takes the csdef's port of a public one.
        _ = PublicEndpoints;
        foreach (var role in Roles())
        {
            _targetCounts[role.Name] = _configuration.FindRole(role.Name)?.InstanceCount ?? 1;
            for (var index = 0; index < _targetCounts[role.Name]; index++)
            {
                _ = ReserveInstancePublicEndpoints(role, index);
            }
        }

        foreach (var role in Roles())
        {
            for (var index = 0; index < _targetCounts[role.Name]; index++)
            {
                var (spec, problems) = Build(role, index);
                errors.AddRange(problems);
                if (spec is not null)
                {
                    specs.Add(spec);
                }
            }
        }

        return (specs, errors);
    }

    /// <summary>Runs the instances until <paramref name="stop"/> is cancelled or <see cref="Stop"/> is called, then stops them all.</summary>
    public async Task RunAsync(IReadOnlyList<RoleInstanceSpec> specs, CancellationToken stop)
    {
        StartedAt = Options.TimeProvider.GetUtcNow();
        using var channels = ControlChannelServer.Start();
        _channels = channels;
        foreach (var spec in specs)
        {
            StartInstance(spec, IndexOf(spec));
        }

        using (stop.Register(() => Stop()))
        {
            await _stopRequested.Task.ConfigureAwait(false);
        }

        Task[] runs;
        lock (_gate)
        {
            foreach (var runner in _runners)
            {
                runner.Stop();
            }

            runs = [.. _runs];
        }

        await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>Asks every instance to stop gracefully; <see cref="RunAsync"/> returns when they have.</summary>
    public void Stop(string reason = "the deployment is stopping")
    {
        lock (_gate)
        {
            if (!_stopping)
            {
                StopReason = reason;
                _stopping = true;
            }
        }

        _stopRequested.TrySetResult();
    }

    /// <summary>Ends every instance and startup task at once (a second Ctrl+C).</summary>
    public void Kill()
    {
        Stop();
        lock (_gate)
        {
            foreach (var runner in _runners)
            {
                runner.Kill();
            }
        }
    }

    /// <summary>The roles, in csdef order.</summary>
    public IReadOnlyList<string> RoleNames => [.. Roles().Select(r => r.Name)];

    /// <summary>Every instance of <paramref name="roleName"/> with its state and endpoints, by instance number.</summary>
    public IReadOnlyList<InstanceSnapshot> GetInstances(string roleName)
    {
        lock (_gate)
        {
            return [.. _runners.Where(r => string.Equals(r.RoleName, roleName, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.Index).Select(r => r.Snapshot())];
        }
    }

    public static string Describe(int exitCode) => exitCode switch
    {
        RoleHostExitCodes.Stopped => "stopped",
        RoleHostExitCodes.OnStartFailed => "OnStart returned false",
        RoleHostExitCodes.UnhandledException => "unhandled exception in OnStart or Run",
        RoleHostExitCodes.StopBudgetExceeded => "OnStop ran past the stop budget",
        RoleHostExitCodes.Recycle => "recycle: Run returned, RequestRecycle, a cancelled Changing or the fabric asked",
        RoleHostExitCodes.HostError => "the role could not be started",
        _ => "ended",
    };

    internal static string EndpointList(RoleInstanceSpec spec) =>
        string.Concat(spec.Descriptor.Endpoints.Select(e => $"; {e.Name} at {e.Url}"));

    internal void Say(string line)
    {
        lock (_outputGate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    internal void OnInstanceChanged(string roleName) =>
        InstancesChanged?.Invoke(this, new InstancesChangedEventArgs(roleName, GetInstances(roleName)));

    /// <summary>The deployment's id as a folder name: <c>deployment16(3)</c> is <c>deployment16-3</c>.</summary>
    private static string FolderName(string deploymentId) => deploymentId.Replace('(', '-').Replace(")", string.Empty, StringComparison.Ordinal);

    private IEnumerable<RoleDefinition> Roles() => _definition.Roles.Where(r => r.Kind != RoleKind.Module);

    private static int IndexOf(RoleInstanceSpec spec) =>
        int.Parse(spec.Descriptor.InstanceId[(spec.Descriptor.InstanceId.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private void StartInstance(RoleInstanceSpec spec, int index)
    {
        var runner = new RoleInstanceRunner(spec, index, this);
        lock (_gate)
        {
            _runners.Add(runner);
            _runs.Add(RunInstanceAsync(runner));
        }

        OnInstanceChanged(runner.RoleName);
    }

    private async Task RunInstanceAsync(RoleInstanceRunner runner)
    {
        // Let the caller go on (the next instance starts at once); the instance's own loop runs on the pool.
        await Task.Yield();
        try
        {
            await runner.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                // A scaled-down instance leaves the list; at the deployment's stop they all stay, Stopped.
                if (!_stopping)
                {
                    _runners.Remove(runner);
                }
            }

            OnInstanceChanged(runner.RoleName);
        }
    }

    /// <summary>Every role with the instances its target count makes and their internal endpoints; called under the lock.</summary>
    private IReadOnlyList<RoleTopologyDescriptor> CurrentTopology() =>
        new RoleInstanceBuilder(Layout, Ports, instancePorts: _instancePorts).Topology(Roles(), r => _targetCounts.GetValueOrDefault(r.Name, 1));

    private (RoleInstanceSpec? Spec, IReadOnlyList<string> Errors) Build(RoleDefinition role, int index)
    {
        var publicPorts = PublicEndpoints.Concat(ReserveInstancePublicEndpoints(role, index)).ToDictionary(e => e.Name, e => e.Port);
        var builder = new RoleInstanceBuilder(Layout, Ports, publicPorts, _instancePorts, _roleFiles);
        var (spec, errors) = builder.Build(_definition, _configuration, role, index, DeploymentId, isEmulated: true);
        if (spec is null)
        {
            return (null, errors);
        }

        lock (_gate)
        {
            spec = spec.WithTopology(CurrentTopology());
            if (_roleSettings.TryGetValue(role.Name, out var settings))
            {
                spec = spec.WithSettings(settings);
            }
        }

        return (spec, errors);
    }
}
