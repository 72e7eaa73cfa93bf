namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>
/// A deployment of one instance for the server's own tests (no emulator): its log file in a temporary folder, and
/// the recycles and scales asked of it recorded.
/// </summary>
internal sealed class TestSource : IDashboardSource, IDisposable
{
    public const string InstanceId = "TestRole_IN_0";

    public TestSource()
    {
        Directory.CreateDirectory(Folder);
    }

    public event EventHandler? Changed;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "backgroundroles-dashboard", Guid.NewGuid().ToString("N"));

    public string LogFile => Path.Combine(Folder, InstanceId + ".log");

    public List<string> Recycled { get; } = [];

    public DashboardSnapshot GetSnapshot()
    {
        var instance = new InstanceView(InstanceId, "TestRole", "Ready", null, 0, 0, Recycled.Count, 1, null, DateTimeOffset.UnixEpoch, [], []);
        return new DashboardSnapshot([new DeploymentView("deployment16(1)", "Test", null, DateTimeOffset.UnixEpoch, false, [new RoleView("TestRole", 1, [instance])])], DateTimeOffset.UtcNow);
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
