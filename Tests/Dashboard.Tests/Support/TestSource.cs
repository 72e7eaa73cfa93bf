namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>
/// A deployment of one instance for the server's own tests (no emulator): its log file in a temporary folder, the
/// recycles and scales asked of it recorded, a supervised task whose last error is <see cref="Stack"/>, and a role
/// process started at <see cref="ProcessStartedAt"/> on the given clock.
/// </summary>
internal sealed class TestSource : IDashboardSource, IDisposable
{
    public const string InstanceId = "TestRole_IN_0";

    public const string FailingTask = "janitor";

    /// <summary>A last error as the supervisor keeps it, with markup in its message, which the page must show as text.</summary>
    public const string Stack = """
        System.InvalidOperationException: disk <b>full</b><script>window.injected = true</script>
           at BackgroundRoles.Janitor.SweepAsync(CancellationToken ct) in Janitor.cs:line 42
           at BackgroundRoles.Supervision.Internal.TaskRunner.RunAttemptAsync()
        """;

    private readonly TimeProvider _time;

    public TestSource(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ProcessStartedAt = _time.GetUtcNow();
        Directory.CreateDirectory(Folder);
    }

    public event EventHandler? Changed;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "backgroundroles-dashboard", Guid.NewGuid().ToString("N"));

    public string LogFile => Path.Combine(Folder, InstanceId + ".log");

    public List<string> Recycled { get; } = [];

    public DateTimeOffset ProcessStartedAt { get; }

    public DashboardSnapshot GetSnapshot()
    {
        var now = _time.GetUtcNow();
        TaskView[] tasks =
        [
            new("queue:thumbnails", "Running", 0, null, null, ProcessStartedAt, null),
            new(FailingTask, "BackingOff", 2, "System.InvalidOperationException: disk <b>full</b>", ProcessStartedAt, ProcessStartedAt, Stack),
        ];
        var instance = new InstanceView(InstanceId, "TestRole", "Ready", null, 0, 0, Recycled.Count, 1, null, DateTimeOffset.UnixEpoch, [], tasks, ProcessStartedAt, now - ProcessStartedAt);
        return new DashboardSnapshot([new DeploymentView("deployment16(1)", "Test", null, DateTimeOffset.UnixEpoch, false, [new RoleView("TestRole", 1, [instance])])], now);
    }

    public string? LogFileOf(string instanceId) => instanceId == InstanceId ? LogFile : null;

    public Task<string?> RecycleAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (Recycled)
        {
            Recycled.Add(instanceId);
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return Task.FromResult<string?>(null);
    }

    public Task<string?> ScaleAsync(string roleName, int count, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(count == 1 ? null : "the test role keeps one instance");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Reclaimed with the temp folder.
        }
    }
}
