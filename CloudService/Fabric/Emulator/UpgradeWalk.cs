using System.Globalization;
using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>
/// One in-place upgrade of a slot's deployment: the update domains in order, each one's instances out of the
/// balancer's rotation, recycled onto the new package and Ready again before the next domain (in manual mode, after
/// <c>walk-ud</c>); an instance that does not get Ready within the timeout rolls the upgraded domains back. It holds the
/// emulator's operation lock from its start to its end, and reports through its log lines and <see cref="Snapshot"/>.
/// </summary>
internal sealed partial class UpgradeWalk
{
    private readonly Lock _gate = new();
    private readonly SlotDeployment _target;
    private readonly UpgradePlan _plan;
    private readonly IDisposable _held;
    private readonly TimeProvider _time;
    private readonly Action<string> _say;
    private readonly Action _changed;
    private readonly List<string> _log = [];
    private readonly List<(int Domain, UpgradeDomainState State, IReadOnlyList<string> Instances, TimeSpan? Took)> _domains;
    private readonly long _started;
    private UpgradeState _state = UpgradeState.Walking;
    private TimeSpan? _took;
    private TaskCompletionSource? _walkRequested;

    /// <param name="target">The slot's deployment.</param>
    /// <param name="plan">What to upgrade to, how, and with which timeouts.</param>
    /// <param name="held">The operation lock, released when the walk ends.</param>
    /// <param name="time">The clock of every wait and duration.</param>
    /// <param name="say">Where progress lines go besides the log (<c>run</c>'s output).</param>
    /// <param name="changed">Called after every change of the snapshot.</param>
    public UpgradeWalk(SlotDeployment target, UpgradePlan plan, IDisposable held, TimeProvider time, Action<string> say, Action changed)
    {
        _target = target;
        _plan = plan;
        _held = held;
        _time = time;
        _say = say;
        _changed = changed;
        _started = time.GetTimestamp();
        StartedAt = time.GetUtcNow();
        FromPackage = target.Package;
        _domains = [.. target.Deployment.UpdateDomains().Select(d => (d, UpgradeDomainState.Pending, (IReadOnlyList<string>)[], (TimeSpan?)null))];
    }

    public DateTimeOffset StartedAt { get; }

    public ServicePackage FromPackage { get; }

    /// <summary>Ends with the walk (completed, rolled back or cancelled).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    private string SlotName => EmulatorSession.Name(_plan.Slot);

    /// <summary>Starts the walk on the pool.</summary>
    public void Start(CancellationToken stopping) => Completion = Task.Run(() => WalkAsync(stopping), CancellationToken.None);

    /// <summary>Manual mode: walks the next update domain; null when it goes, else why not.</summary>
    public string? WalkNext()
    {
        TaskCompletionSource? requested;
        lock (_gate)
        {
            if (_state != UpgradeState.WaitingForWalk || _walkRequested is null)
            {
                return $"refused: the upgrade of {_target.Deployment.DeploymentId} in the {SlotName} slot is not waiting for walk-ud (it is {Describe(_state)})";
            }

            requested = _walkRequested;
            _walkRequested = null;
            _state = UpgradeState.Walking;
        }

        requested.TrySetResult();
        _changed();
        return null;
    }

    public UpgradeSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new UpgradeSnapshot(
                _plan.Slot, _target.Deployment.DeploymentId, FromPackage.Id, _plan.Package.Id, _plan.Mode, _plan.InstanceTimeout, _state, StartedAt, _took,
                [.. _domains.Select(d => new UpgradeDomainSnapshot(d.Domain, d.State, d.Instances, d.Took))], [.. _log]);
        }
    }

    /// <summary>The state as a refusal names it.</summary>
    public static string Describe(UpgradeState state) => state switch
    {
        UpgradeState.Walking => "walking an update domain",
        UpgradeState.WaitingForWalk => "waiting for walk-ud",
        UpgradeState.Completed => "completed",
        UpgradeState.RolledBack => "rolled back",
        _ => "cancelled",
    };

    private async Task WalkAsync(CancellationToken stopping)
    {
        var upgraded = new List<(int Index, IReadOnlyList<InstanceReplacement> Moves)>();
        try
        {
            var domains = _domains.Select(d => d.Domain).ToList();
            Log($"Upgrade of {_target.Deployment.DeploymentId} in the {SlotName} slot from package {FromPackage.Id} to {_plan.Package.Id}: update domains "
                + $"{string.Join(", ", domains)}, mode {_plan.Mode.ToString().ToLowerInvariant()}, {Seconds(_plan.InstanceTimeout)} for each instance to get Ready");
            foreach (var role in _target.Deployment.RoleNames.Where(r => _target.Deployment.TargetCount(r) == 1 && _target.Deployment.PublicEndpoints.Any(e => e.RoleName == r)))
            {
                Log($"warning: {role} has one instance: its public endpoints have no instance to answer while it upgrades (two or more keep them answering)");
            }

            for (var index = 0; index < domains.Count; index++)
            {
                if (index > 0 && _plan.Mode == UpgradeMode.Manual)
                {
                    await WaitForWalkAsync(domains[index], stopping).ConfigureAwait(false);
                }

                var (moves, errors) = _target.Deployment.PlanDomain(domains[index], _plan.Model, _plan.Package.RoleFiles);
                if (errors.Count > 0)
                {
                    Log($"Update domain {domains[index]}: the new package's instances cannot be built: {string.Join("; ", errors)}");
                    await RollBackAsync(upgraded, stopping).ConfigureAwait(false);
                    return;
                }

                upgraded.Add((index, moves));
                if (!await UpgradeDomainAsync(index, moves, stopping).ConfigureAwait(false))
                {
                    await RollBackAsync(upgraded, stopping).ConfigureAwait(false);
                    return;
                }
            }

            _target.Deployment.Adopt(_plan.Model, _plan.Package.RoleFiles);
            _target.KeepOnly(_plan.Package);
            End(UpgradeState.Completed, $"Upgrade done in {Seconds(_time.GetElapsedTime(_started))}: every instance of {_target.Deployment.DeploymentId} runs package {_plan.Package.Id}");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            End(UpgradeState.Cancelled, "Upgrade cancelled: the emulator is stopping");
        }
        finally
        {
            _held.Dispose();
        }
    }

    /// <summary>Moves one domain's instances in parallel; true when each got Ready in time.</summary>
    private async Task<bool> UpgradeDomainAsync(int index, IReadOnlyList<InstanceReplacement> moves, CancellationToken stopping)
    {
        var domain = _domains[index].Domain;
        var names = moves.Select(m => m.InstanceId).ToList();
        SetDomain(index, UpgradeDomainState.Upgrading, names, null);
        Log($"Update domain {domain} ({index + 1}/{_domains.Count}): {string.Join(", ", names)} out of rotation, stopping, starting on package {_plan.Package.Id}");
        var started = _time.GetTimestamp();
        var results = await Task.WhenAll(moves.Select(m => m.Runner.ReplaceAsync(m.To, _plan.DrainTime, _plan.InstanceTimeout, stopping))).ConfigureAwait(false);
        var took = _time.GetElapsedTime(started);
        var late = results.Where(r => !r.Ready).ToList();
        if (late.Count > 0)
        {
            SetDomain(index, UpgradeDomainState.Upgrading, names, took);
            Log($"Update domain {domain}: {string.Join("; ", late.Select(r => $"{r.InstanceId} not Ready on package {_plan.Package.Id} within {Seconds(_plan.InstanceTimeout)} ({r.State})"))}; rolling back");
            return false;
        }

        SetDomain(index, UpgradeDomainState.Upgraded, names, took);
        Log($"Update domain {domain} ({index + 1}/{_domains.Count}): upgraded in {Seconds(took)} ({string.Join(", ", results.Select(r => $"{r.InstanceId} {(r.Frozen ? "Frozen" : "Ready")} in {Seconds(r.Took)}"))})");
        return true;
    }

    private async Task WaitForWalkAsync(int next, CancellationToken stopping)
    {
        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _state = UpgradeState.WaitingForWalk;
            _walkRequested = requested;
        }

        Log($"Waiting for 'cloudservice walk-ud --slot {SlotName}' to walk update domain {next}");
        await requested.Task.WaitAsync(stopping).ConfigureAwait(false);
        Log($"walk-ud: walking update domain {next}");
    }

    private void SetDomain(int index, UpgradeDomainState state, IReadOnlyList<string> instances, TimeSpan? took)
    {
        lock (_gate)
        {
            _domains[index] = (_domains[index].Domain, state, instances, took);
        }

        _changed();
    }

    private void End(UpgradeState state, string line)
    {
        lock (_gate)
        {
            _state = state;
            _took = _time.GetElapsedTime(_started);
        }

        Log(line);
    }

    private void Log(string line)
    {
        lock (_gate)
        {
            _log.Add(line);
        }

        _say(line);
        _changed();
    }

    private static string Seconds(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:F1} s");
}
