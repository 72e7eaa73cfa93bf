using BackgroundRoles.Dashboard;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The dashboard's source for its benchmark: a deployment of two roles with two instances each (four tasks and two
/// endpoints apiece, as the worker and web roles have), and one log file.
/// </summary>
internal sealed class DashboardBenchSource(string logFile) : IDashboardSource
{
    public const string LoggingInstance = "WorkerRole_IN_0";

    public event EventHandler? Changed;

    public DashboardSnapshot GetSnapshot()
    {
        var now = DateTimeOffset.UtcNow;
        TaskView[] tasks = [.. new[] { "thumbnails", "orders", "janitor", "health-report" }.Select(n => new TaskView(n, "Running", 0, null, null, now, null))];
        EndpointView[] endpoints = [new("HttpIn", "http", "http://127.0.0.1:20001/", 8080), new("Internal", "tcp", "tcp://127.0.0.1:20002/", null)];
        RoleView Role(string name) => new(name, 2, [.. Enumerable.Range(0, 2).Select(i =>
            new InstanceView($"{name}_IN_{i}", name, "Ready", null, i, i, 0, 1000 + i, null, now, endpoints, tasks, now - TimeSpan.FromHours(1), TimeSpan.FromHours(1)))]);
        return new DashboardSnapshot([new DeploymentView("deployment16(1)", "BackgroundRoles", null, now, false, [Role("WebRole"), Role("WorkerRole")])], now);
    }

    public string? LogFileOf(string instanceId) => instanceId == LoggingInstance ? logFile : null;

    public Task<string?> RecycleAsync(string instanceId, CancellationToken cancellationToken)
    {
        Changed?.Invoke(this, EventArgs.Empty);
        return Task.FromResult<string?>(null);
    }

    public Task<string?> ScaleAsync(string roleName, int count, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
