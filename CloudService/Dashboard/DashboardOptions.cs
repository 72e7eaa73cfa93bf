namespace BackgroundRoles.Dashboard;

/// <summary>How <see cref="DashboardServer.StartAsync"/> serves the dashboard.</summary>
public sealed record DashboardOptions
{
    /// <summary>The secret of the login link (the control API's token): the one way to get the session cookie.</summary>
    public required string Token { get; init; }

    /// <summary>The storage account the service uses, for the queue, job and schedule pages; null when it uses none.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>The clock of uptimes, depth samples and the polled listings kept in memory (<see cref="DashboardDefaults.ListingCacheTime"/>).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
