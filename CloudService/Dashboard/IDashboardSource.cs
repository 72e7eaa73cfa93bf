namespace BackgroundRoles.Dashboard;

/// <summary>
/// What the dashboard reads from and asks of the running emulator, and nothing more: the emulator implements it over
/// its live state (never a copy), so the page shows what the CLI verbs see. Every member may be called from any thread.
/// </summary>
public interface IDashboardSource
{
    /// <summary>The deployments with their roles and instances as they are now.</summary>
    DashboardSnapshot GetSnapshot();

    /// <summary>Raised whenever an instance changes state, health or count; the page is pushed a fresh snapshot.</summary>
    event EventHandler? Changed;

    /// <summary>The log file an instance writes, or null for an unknown instance.</summary>
    string? LogFileOf(string instanceId);

    /// <summary>Recycles an instance (Stopping, OnStop, then a new process); null when asked, else why not.</summary>
    Task<string?> RecycleAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Gives a role <paramref name="count"/> instances; null when done, else why not.</summary>
    Task<string?> ScaleAsync(string roleName, int count, CancellationToken cancellationToken);
}
