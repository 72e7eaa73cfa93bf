using System.Collections.Concurrent;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Jobs;
using BackgroundRoles.ServiceModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>
/// Applies the autoscale rules to the emulator's production deployment: every <see cref="FabricDefaults.AutoscaleInterval"/>
/// it reads each ruled role's queue lengths (the approximate message count, through <see cref="JobStorage"/> on the
/// account the role's connection setting names), asks <see cref="AutoscaleDecider"/>, and scales through
/// <see cref="EmulatorSession.ScaleAsync"/>, under the operation lock like any operator: a refused scale changes
/// nothing and is tried again next round. Each change and refusal is printed on the emulator's output and logged.
/// </summary>
public sealed partial class Autoscaler : IAsyncDisposable
{
    private readonly EmulatorSession _session;
    private readonly AutoscaleRules _rules;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, JobStorage> _storages = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoleState> _roles = new(StringComparer.OrdinalIgnoreCase);
    private Task _loop = Task.CompletedTask;

    /// <param name="session">The emulator whose production deployment is scaled.</param>
    /// <param name="rules">The rules; roles the deployment does not have are skipped.</param>
    /// <param name="logger">Where decisions are logged besides the emulator's output. Default: nowhere.</param>
    /// <param name="interval">The time between rounds. Default: <see cref="FabricDefaults.AutoscaleInterval"/>.</param>
    public Autoscaler(EmulatorSession session, AutoscaleRules rules, ILogger? logger = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rules);
        _session = session;
        _rules = rules;
        _logger = logger ?? NullLogger.Instance;
        _time = session.DeploymentOptions.TimeProvider;
        _interval = interval ?? FabricDefaults.AutoscaleInterval;
    }

    /// <summary>Starts the rounds: the first at once, then one per interval until disposed.</summary>
    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    /// <summary>The rule's current view of <paramref name="roleName"/> in deployment <paramref name="deploymentId"/>; null before its first round or without a rule.</summary>
    public AutoscaleView? ViewOf(string deploymentId, string roleName)
    {
        lock (_gate)
        {
            return _roles.TryGetValue(roleName, out var state) && state.DeploymentId == deploymentId ? state.View : null;
        }
    }

    /// <summary>Stops the rounds and waits for the one in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The stop cut a wait or a read short; nothing is half done.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (!_session.IsStopping && _session.Deployment(DeploymentSlot.Production) is { } deployment)
            {
                foreach (var rule in _rules.Roles)
                {
                    await RoundAsync(deployment, rule, ct).ConfigureAwait(false);
                }
            }

            await Task.Delay(_interval, _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>What is kept per role between rounds; a new deployment in production starts afresh.</summary>
    private sealed class RoleState(string deploymentId)
    {
        public string DeploymentId { get; } = deploymentId;

        public AutoscaleMemory Memory { get; set; } = AutoscaleMemory.None;

        public AutoscaleView? View { get; set; }

        public string? LastError { get; set; }
    }
}
