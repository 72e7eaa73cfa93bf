using BackgroundRoles.Dashboard;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Dashboard;

/// <summary>
/// The dashboard's view of the running emulator: a thin adapter over the live <see cref="EmulatorSession"/> (the
/// snapshot the control API's <c>status</c> answers with, asked at each call), its changes, each deployment's log
/// folder, and recycle and scale through the session (so they take its operation lock like the CLI verbs).
/// </summary>
/// <remarks>
/// Both slots have the same instance ids, as on the platform; an instance named alone is production's when
/// production has it, else staging's. Scale acts on production.
/// </remarks>
internal sealed partial class SessionDashboardSource : IDashboardSource
{
    private readonly EmulatorSession _session;
    private readonly TimeProvider _time;

    /// <param name="session">The running emulator.</param>
    /// <param name="rules">The autoscale rules the session applies; null when it applies none.</param>
    /// <param name="autoscale">Whether rules are applied, off (<c>--no-autoscale</c>), or there are none.</param>
    public SessionDashboardSource(EmulatorSession session, AutoscaleRules? rules, AutoscaleMode autoscale)
    {
        _session = session;
        _rules = rules;
        _autoscale = autoscale;
        _time = session.DeploymentOptions.TimeProvider;
        session.Changed += (_, _) => Changed?.Invoke(this, EventArgs.Empty);
    }

    public event EventHandler? Changed;

    public DashboardSnapshot GetSnapshot()
    {
        var now = _time.GetUtcNow();
        var deployments = _session.GetSnapshot().Slots
            .Where(slot => slot.Deployment is not null)
            .Select(slot => ToView(slot.Slot, Autoscaled(slot.Slot, slot.Deployment!), now))
            .ToList();
        return new DashboardSnapshot(deployments, now) { Autoscale = _autoscale };
    }

    public string? LogFileOf(string instanceId) =>
        Find(instanceId) is var (_, deployment, instance) ? Path.Combine(deployment.Layout.LogDirectory, instance + ".log") : null;

    public Task<string?> RecycleAsync(string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(instanceId) is var (slot, _, instance) ? _session.Recycle(slot, instance) : $"no instance '{instanceId}' runs");

    public Task<string?> ScaleAsync(string roleName, int count, CancellationToken cancellationToken) =>
        _session.ScaleAsync(DeploymentSlot.Production, roleName, count);

    private (DeploymentSlot Slot, LocalDeployment Deployment, string InstanceId)? Find(string instanceId)
    {
        foreach (var slot in Enum.GetValues<DeploymentSlot>())
        {
            if (_session.Deployment(slot) is { } deployment
                && deployment.GetSnapshot().Roles.SelectMany(r => r.Instances)
                    .FirstOrDefault(i => string.Equals(i.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                return (slot, deployment, known.InstanceId);
            }
        }

        return null;
    }

    // The one place the fabric's snapshot records become the dashboard's view records: a field added to
    // InstanceSnapshot or TaskHealth is shown once it is mapped here (the views are positional, so the compiler
    // points here when a view gains one).
    private DeploymentView ToView(DeploymentSlot slot, DeploymentSnapshot snapshot, DateTimeOffset now) => new(
        snapshot.DeploymentId,
        snapshot.ServiceName,
        EmulatorSession.Name(slot),
        snapshot.StartedAt,
        snapshot.Stopping,
        [.. snapshot.Roles.Select(r => new RoleView(r.Name, r.InstanceCount, [.. r.Instances.Select(i => ToView(i, now))]) { Autoscale = AutoscaleOf(slot, r) })]);

    private static InstanceView ToView(InstanceSnapshot instance, DateTimeOffset now)
    {
        // LastStartedAt stays set after the process exits; an uptime is only for a process that runs.
        var processStartedAt = instance.ProcessId is null ? null : instance.LastStartedAt;
        return new(
            instance.InstanceId,
            instance.RoleName,
            instance.State.ToString(),
            instance.Detail,
            instance.UpdateDomain,
            instance.FaultDomain,
            instance.Restarts,
            instance.ProcessId,
            instance.LastExitCode,
            instance.StateSince,
            [.. instance.Endpoints.Select(e => new EndpointView(e.Name, e.Protocol, e.Url, e.PublicPort))],
            [.. (instance.Health?.Tasks ?? []).Select(t => new TaskView(t.Name, t.State.ToString(), t.Restarts, t.LastError, t.LastErrorAt, t.StartedAt, t.LastErrorStack))],
            processStartedAt,
            processStartedAt is { } started ? (now > started ? now - started : TimeSpan.Zero) : null);
    }
}
