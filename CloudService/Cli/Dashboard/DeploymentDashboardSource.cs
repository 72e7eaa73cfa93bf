using BackgroundRoles.Dashboard;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Cli.Dashboard;

/// <summary>
/// The dashboard's view of what <c>run</c> runs: a thin adapter over the live <see cref="LocalDeployment"/> (the same
/// snapshot the control API's <c>status</c> answers with, asked at each call), its events, its log folder and its
/// recycle and scale operations. Re-pointed at the emulator session object when that lands.
/// </summary>
internal sealed class DeploymentDashboardSource : IDashboardSource
{
    private readonly LocalDeployment _deployment;
    private readonly TimeProvider _time;

    public DeploymentDashboardSource(LocalDeployment deployment)
    {
        _deployment = deployment;
        _time = deployment.Options.TimeProvider;
        deployment.InstancesChanged += (_, _) => Changed?.Invoke(this, EventArgs.Empty);
    }

    public event EventHandler? Changed;

    public DashboardSnapshot GetSnapshot()
    {
        var snapshot = _deployment.GetSnapshot();
        var roles = snapshot.Roles.Select(r => new RoleView(r.Name, r.InstanceCount, [.. r.Instances.Select(ToView)])).ToList();
        return new DashboardSnapshot([new DeploymentView(snapshot.DeploymentId, snapshot.ServiceName, null, snapshot.StartedAt, snapshot.Stopping, roles)], _time.GetUtcNow());
    }

    public string? LogFileOf(string instanceId)
    {
        var known = _deployment.GetSnapshot().Roles.SelectMany(r => r.Instances)
            .FirstOrDefault(i => string.Equals(i.InstanceId, instanceId, StringComparison.OrdinalIgnoreCase));
        return known is null ? null : Path.Combine(_deployment.Layout.LogDirectory, known.InstanceId + ".log");
    }

    public Task<string?> RecycleAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult(_deployment.Recycle(instanceId));

    public Task<string?> ScaleAsync(string roleName, int count, CancellationToken cancellationToken) => _deployment.ScaleAsync(roleName, count);

    private static InstanceView ToView(InstanceSnapshot instance) => new(
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
        [.. (instance.Health?.Tasks ?? []).Select(t => new TaskView(t.Name, t.State.ToString(), t.Restarts, t.LastError, t.LastErrorAt, t.StartedAt))]);
}
