namespace BackgroundRoles.Dashboard;

/// <summary>One role instance as the dashboard shows it.</summary>
/// <param name="InstanceId"><c>&lt;Role&gt;_IN_&lt;N&gt;</c>.</param>
/// <param name="RoleName">Its role.</param>
/// <param name="State">Starting, Busy, Ready, Stopping, Recycling or Stopped.</param>
/// <param name="Detail">What it is doing in that state, or null.</param>
/// <param name="UpdateDomain">Its update domain.</param>
/// <param name="FaultDomain">Its fault domain.</param>
/// <param name="Restarts">How many times the fabric started it again.</param>
/// <param name="ProcessId">The role process, while there is one.</param>
/// <param name="LastExitCode">The exit code of the last role process, or null.</param>
/// <param name="StateSince">When it entered <paramref name="State"/>.</param>
/// <param name="Endpoints">Where it listens.</param>
/// <param name="Tasks">Its supervised tasks, as the role last published them (empty when it publishes none).</param>
/// <param name="ProcessStartedAt">When its running role process started; null while it has none.</param>
/// <param name="Uptime">How long that process has run, on the emulator's clock when the snapshot was taken; null while it has none.</param>
public sealed record InstanceView(
    string InstanceId,
    string RoleName,
    string State,
    string? Detail,
    int UpdateDomain,
    int FaultDomain,
    int Restarts,
    int? ProcessId,
    int? LastExitCode,
    DateTimeOffset StateSince,
    IReadOnlyList<EndpointView> Endpoints,
    IReadOnlyList<TaskView> Tasks,
    DateTimeOffset? ProcessStartedAt,
    TimeSpan? Uptime);
