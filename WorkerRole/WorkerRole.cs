using System.Diagnostics.CodeAnalysis;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Composition;
using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.WorkerRole.Orders;
using BackgroundRoles.WorkerRole.Tasks;
using BackgroundRoles.WorkerRole.Thumbnails;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WorkerRole;

/// <summary>
/// The worker role, declared: a processor for each of the thumbnail and order queues, a blob trigger that makes a
/// thumbnail of every image dropped into the <c>thumbnails-inbox</c> container, a janitor for its scratch
/// space and a health reporter, both periodic, the nightly cleanup of old jobs, a scheduled job that one instance
/// runs per tick (its cron expression is the setting <c>Schedules.Cleanup</c>, read live), and the due-jobs mover,
/// another (<c>Schedules.DueJobs</c>). The kit derives the rest (<see cref="ComposedRoleEntryPoint"/>): the
/// stop stages from the stop budget, Freeze (parks the role; flipping it live thaws it), Run returning on an
/// escalation so the role recycles, OnStop draining. OnStart is false on bad settings.
/// </summary>
public sealed partial class WorkerRole : ComposedRoleEntryPoint
{
    private readonly ILogger<WorkerRole> _logger = RoleLoggerFactory.CreateLogger<WorkerRole>();

    protected override bool Compose(RoleKit kit, RoleInstanceEnvironment environment)
    {
        if (!TryReadSettings(environment, out var settings, out var storage))
        {
            return false;
        }

        // A thumbnail job mostly waits on storage: several per core in flight, its CPU-bound steps gated to one per
        // core inside the handler. Orders mostly wait on storage too: more at once.
        var thumbnails = new ThumbnailHandler(storage, WorkerRoleSettings.ThumbnailRendersAtOnce, kit.TimeProvider);
        kit.AddQueueHandlers(storage, queues => queues
            .Handle(JobRoutes.Thumbnail, thumbnails)
            .Handle(JobRoutes.Order, new OrderWorkflowHandler(new Inventory(storage), new PaymentService(storage, kit.TimeProvider), new ShippingService(storage, kit.TimeProvider), new ConfirmationOutbox(storage)))
            .ConfigureAll(options => options with { VisibilityTimeout = settings.VisibilityTimeout, Callbacks = CallbackOptionsOf(settings, kit) })
            .Configure(JobQueues.Thumbnails, options => options with { MaxConcurrency = WorkerRoleSettings.ThumbnailConcurrency })
            .Configure(JobQueues.Orders, options => options with { MaxConcurrency = 8 }));

        kit.AddPeriodic(
            new JanitorTask(environment.GetLocalResource("Scratch"), settings.JanitorMaxAge, RoleLoggerFactory.CreateLogger<JanitorTask>()),
            settings.JanitorInterval,
            kit.DefaultPolicy with { Required = false });
        kit.AddPeriodic(
            new HealthReportTask(kit.Supervisor, environment.GetLocalResource("Health"), environment.CurrentRoleInstance.Id, kit.HeldSingletons),
            settings.HeartbeatInterval);

        kit.UseCoordination(storage, environment.CurrentRoleInstance.Id);

        // Images dropped into the inbox (no HTTP, no queue message): the blob trigger finds them by listing, and they
        // share the queue handler's render slots, so the cores are never oversubscribed by the two together.
        var inbox = new InboxThumbnailHandler(storage, thumbnails);
        kit.AddBlobTrigger(storage, JobQueues.ThumbnailsInboxContainer, null, inbox.HandleAsync, options => options with
        {
            ScanInterval = settings.InboxScanInterval,
            MaxAttempts = settings.InboxMaxAttempts,
        });
        if (settings.CleanupScheduled)
        {
            var cleanup = new JobCleanupJob(storage, settings.JobRetention, RoleLoggerFactory.CreateLogger<JobCleanupJob>());
            kit.AddSchedule(JobCleanupJob.Name, WorkerRoleSettings.CleanupScheduleSetting, cleanup.RunAsync);
        }
        else
        {
            Log.CleanupOff(_logger, WorkerRoleSettings.CleanupScheduleSetting);
        }

        if (kit.Settings.TryGetValue(WorkerRoleSettings.DueJobsScheduleSetting, out var dueJobs) && !string.IsNullOrWhiteSpace(dueJobs))
        {
            kit.AddDueJobMover(storage, WorkerRoleSettings.DueJobsScheduleSetting);
        }
        else
        {
            Log.DueJobsOff(_logger, WorkerRoleSettings.DueJobsScheduleSetting);
        }

        return true;
    }

    /// <summary>
    /// Webhook callbacks: signed with the service's key, to the hosts the setting names as it reads before each POST
    /// (a host taken off gets nothing more); no key: off, and a job asking for one records Refused.
    /// </summary>
    private static CallbackOptions CallbackOptionsOf(WorkerRoleSettings settings, RoleKit kit) => settings.CallbackSigningKey is null
        ? new CallbackOptions()
        : new CallbackOptions
        {
            SigningKey = settings.CallbackSigningKey,
            CurrentAllowedHosts = () => WorkerRoleSettings.CurrentCallbackHosts(kit.Settings),
            // The same resultUrl the web role's GET /api/jobs/{id} shows.
            ResultUrl = status => status.State == JobState.Succeeded ? JobResults.UrlOf(status.JobType, status.JobId) : null,
        };

    /// <summary>
    /// Reads and checks the settings, logging every problem, and the storage connection string. No storage call here:
    /// the queues, containers and tables are created on first use by the jobs library, so storage that is down at
    /// start makes the queue processors back off under the supervisor (the instance reports Busy) instead of failing
    /// OnStart, and the role starts fast.
    /// </summary>
    private bool TryReadSettings(RoleInstanceEnvironment environment, [NotNullWhen(true)] out WorkerRoleSettings? settings, [NotNullWhen(true)] out JobStorage? storage)
    {
        storage = null;
        (settings, var errors) = WorkerRoleSettings.Read(environment);
        foreach (var error in errors)
        {
            Log.InvalidSetting(_logger, error);
        }

        if (errors.Count > 0)
        {
            return false;
        }

        try
        {
            storage = JobStorage.Create(environment.TryGetConfigurationSettingValue(StorageConnection.SettingName, out var text) ? text : string.Empty);
            return true;
        }
        catch (JobStorageException e)
        {
            Log.StorageUnavailable(_logger, e.Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Error, "Invalid configuration: {Error}")]
        public static partial void InvalidSetting(ILogger logger, string error);

        [LoggerMessage(3004, LogLevel.Error, "Storage cannot be used: {Reason}")]
        public static partial void StorageUnavailable(ILogger logger, string reason);

        [LoggerMessage(3021, LogLevel.Information, "Job cleanup off: setting '{Setting}' is empty (a value set later takes effect at the next start)")]
        public static partial void CleanupOff(ILogger logger, string setting);

        [LoggerMessage(3022, LogLevel.Information, "Due-jobs mover off: setting '{Setting}' is empty (a value set later takes effect at the next start)")]
        public static partial void DueJobsOff(ILogger logger, string setting);
    }
}
