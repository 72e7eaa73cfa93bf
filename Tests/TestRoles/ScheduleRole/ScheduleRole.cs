using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Tests.ScheduleRole.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Tests.ScheduleRole;

/// <summary>
/// Declares, from its settings, a scheduled job (<c>Schedule.Expression</c>, each run taking <c>Schedule.RunTime</c>)
/// and, with <c>Singleton.Enabled=true</c>, a singleton task that heartbeats; both record what they do in
/// <see cref="ScheduleRoleRecords.Table"/> and log it, so tests running several instances can check that each tick
/// ran once and that no two instances held the singleton at once.
/// </summary>
public sealed class ScheduleRole : ComposedRoleEntryPoint
{
    private readonly ILogger _logger = RoleLoggerFactory.CreateLogger<ScheduleRole>();

    /// <inheritdoc/>
    protected override bool Compose(RoleKit kit, RoleInstanceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(environment);
        var (settings, errors) = ScheduleRoleSettings.Read(environment);
        foreach (var error in errors)
        {
            ScheduleRoleLog.InvalidSetting(_logger, error);
        }

        if (errors.Count > 0)
        {
            return false;
        }

        JobStorage storage;
        try
        {
            storage = JobStorage.Create(environment.TryGetConfigurationSettingValue(StorageConnection.SettingName, out var text) ? text : string.Empty);
        }
        catch (JobStorageException exception)
        {
            ScheduleRoleLog.StorageUnavailable(_logger, exception.Message);
            return false;
        }

        var instance = environment.CurrentRoleInstance.Id;
        var leases = new LeaseManager(storage, instance, kit.LoggerFactory);
        if (settings.Expression.Length > 0)
        {
            var job = ScheduleRoleRecords.JobName(settings.Name);
            var body = new TickJob(storage.Table<TickRecord>(ScheduleRoleRecords.Table), job, settings.RunTime, kit.TimeProvider, _logger);
            var options = new ScheduleOptions { Name = job, Expression = () => settings.Expression, MissedTicks = settings.MissedTicks, LeaseTime = settings.LeaseTime };
            try
            {
                kit.Add(new ScheduledJob(options, body.RunAsync, leases));
            }
            catch (ArgumentException exception)
            {
                ScheduleRoleLog.InvalidSetting(_logger, exception.Message);
                return false;
            }
        }

        if (settings.Singleton)
        {
            var name = ScheduleRoleRecords.SingletonName(settings.Name);
            var holder = new HolderTask(name, instance, storage.Table<HoldRecord>(ScheduleRoleRecords.Table), settings.Heartbeat, kit.TimeProvider, _logger);

            // The holder beats every heartbeat; waiting for the lease beats through the lease manager's retries.
            kit.Add(new SingletonTask(holder, leases, settings.LeaseTime));
        }

        return true;
    }
}
