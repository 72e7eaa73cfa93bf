using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.Fabric.LoadBalancing;
using BackgroundRoles.Fabric.Storage;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>
/// The local emulator as one object: the deployments by slot (production and staging, each with its own public
/// address), the storage emulator, the load balancers in front of each slot and the operation lock. The CLI's
/// <c>run</c>, the control API and a dashboard all talk to it; its parts report to it through events
/// (<see cref="LocalDeployment.InstancesChanged"/>), and it reports through <see cref="Changed"/> and
/// <see cref="GetSnapshot"/>.
/// </summary>
/// <remarks>
/// Order of calls: <see cref="DeployAsync"/> (any number, from any thread), <see cref="RunAsync"/> until
/// <see cref="Stop"/>; <see cref="RunAsync"/> then stops every deployment, closes the balancers and ends the storage
/// emulator it started. Operations that change a deployment (deploy, delete, swap, scale, set-config, update-config,
/// upgrade) take the operation lock and are refused at once while another holds it.
/// </remarks>
public sealed partial class EmulatorSession
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private readonly Dictionary<DeploymentSlot, SlotDeployment> _deployments = [];
    private readonly Dictionary<DeploymentSlot, PublicFrontend> _frontends = [];

    // Every deployment until it has stopped, in a slot or on its way out (a delete, the emulator's stop): what Kill ends.
    private readonly HashSet<SlotDeployment> _running = [];
    private readonly OperationLock _operations;
    private readonly PortAllocator _ports = new();
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Cancelled by Stop: ends an upgrade walk's waits.
    private readonly CancellationTokenSource _stopToken = new();
    private AzuriteSupervisor? _storage;
    private int _deployed;
    private bool _stopping;
    private string _stopReason = "the emulator is stopping";

    /// <param name="layout">The service's folders; the state folder holds every deployment's packages, instances and logs.</param>
    /// <param name="output">Where progress lines go.</param>
    /// <param name="options">How each deployment keeps its instances running (ports and state placement are the session's).</param>
    public EmulatorSession(FabricLayout layout, TextWriter output, LocalDeploymentOptions? options = null)
    {
        Layout = layout;
        _output = output;
        DeploymentOptions = options ?? new LocalDeploymentOptions();
        _operations = new OperationLock(DeploymentOptions.TimeProvider);
        StartedAt = DeploymentOptions.TimeProvider.GetUtcNow();
    }

    public FabricLayout Layout { get; }

    public LocalDeploymentOptions DeploymentOptions { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>True once the emulator was asked to stop.</summary>
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

    /// <summary>Raised, on the thread that made it, for every deploy, delete, swap and instance change.</summary>
    public event EventHandler<EmulatorChangedEventArgs>? Changed;

    /// <summary>The deployment in <paramref name="slot"/>, or null.</summary>
    public LocalDeployment? Deployment(DeploymentSlot slot)
    {
        lock (_gate)
        {
            return _deployments.GetValueOrDefault(slot)?.Deployment;
        }
    }

    /// <summary>The public endpoints of <paramref name="slot"/>'s address; empty while the slot is empty.</summary>
    public IReadOnlyList<PublicEndpoint> PublicEndpoints(DeploymentSlot slot)
    {
        lock (_gate)
        {
            return _frontends.GetValueOrDefault(slot)?.Endpoints ?? [];
        }
    }

    public EmulatorSnapshot GetSnapshot()
    {
        var slots = Enum.GetValues<DeploymentSlot>().Select(slot =>
        {
            var deployment = Deployment(slot);
            var endpoints = PublicEndpoints(slot);
            var snapshot = deployment is null ? null : deployment.GetSnapshot() with { Slot = slot, PublicEndpoints = endpoints, Upgrade = Upgrade(slot) };
            return new SlotSnapshot(slot, endpoints, snapshot);
        }).ToList();
        return new EmulatorSnapshot(StartedAt, IsStopping, _operations.Holder, slots);
    }

    /// <summary>Asks every deployment to stop gracefully; <see cref="RunAsync"/> returns once they have.</summary>
    public void Stop(string reason = "the emulator is stopping")
    {
        lock (_gate)
        {
            if (!_stopping)
            {
                _stopping = true;
                _stopReason = reason;
            }
        }

        _stopRequested.TrySetResult();
        _stopToken.Cancel();
    }

    /// <summary>Ends every instance and startup task of every deployment at once (a second Ctrl+C).</summary>
    public void Kill()
    {
        Stop();
        List<SlotDeployment> all;
        lock (_gate)
        {
            all = [.. _running];
        }

        foreach (var slot in all)
        {
            slot.Deployment.Kill();
        }
    }

    /// <summary>Waits for <see cref="Stop"/>, then stops every deployment, closes every balancer and ends the storage emulator.</summary>
    public async Task RunAsync()
    {
        await _stopRequested.Task.ConfigureAwait(false);
        await StopAutoscaleAsync().ConfigureAwait(false);

        // A deploy in progress sees the stop under the lock and stops what it started itself.
        List<SlotDeployment> running;
        List<PublicFrontend> frontends;
        lock (_gate)
        {
            running = [.. _deployments.Values];
            frontends = [.. _frontends.Values];
            _deployments.Clear();
            _frontends.Clear();
        }

        await Task.WhenAll(running.Select(d => StopAsync(d))).ConfigureAwait(false);
        foreach (var frontend in frontends)
        {
            await frontend.DisposeAsync().ConfigureAwait(false);
        }

        _storage?.Dispose();
    }

    /// <summary>Stops a deployment that left its slot (or never got one) and forgets it once it has stopped.</summary>
    private async Task StopAsync(SlotDeployment deployment, string reason)
    {
        await deployment.StopAsync(reason).ConfigureAwait(false);
        lock (_gate)
        {
            _running.Remove(deployment);
        }
    }

    private Task StopAsync(SlotDeployment deployment) => StopAsync(deployment, _stopReason);

    internal void Say(string line)
    {
        lock (_output)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private void Raise(EmulatorChange change, DeploymentSlot slot, string deploymentId, string? roleName = null) =>
        Changed?.Invoke(this, new EmulatorChangedEventArgs(change, slot, deploymentId, roleName));

    private void OnInstancesChanged(object? sender, InstancesChangedEventArgs e)
    {
        if (sender is not LocalDeployment deployment)
        {
            return;
        }

        DeploymentSlot? slot;
        lock (_gate)
        {
            slot = _deployments.Where(d => ReferenceEquals(d.Value.Deployment, deployment)).Select(d => (DeploymentSlot?)d.Key).FirstOrDefault();
        }

        if (slot is { } found)
        {
            Raise(EmulatorChange.Instances, found, deployment.DeploymentId, e.RoleName);
        }
    }
}
