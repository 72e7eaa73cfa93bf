using System.Diagnostics.CodeAnalysis;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.WorkerRole.Orders;
using BackgroundRoles.WorkerRole.Tasks;
using BackgroundRoles.WorkerRole.Thumbnails;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WorkerRole;

/// <summary>
/// The worker role: its Run loop supervises the background tasks: the thumbnail and order queue processors,
/// a janitor for its scratch space and a health reporter.
/// OnStart reads and checks the settings and builds the supervisor (false on bad settings);
/// Run supervises until a stop, or returns on an escalation so that the role recycles;
/// OnStop drains the tasks within the stop budget. Freeze=true parks the role; flipping it live thaws it.
/// </summary>
public sealed partial class WorkerRole : RoleEntryPoint
{

    private readonly ILogger<WorkerRole> _logger = RoleLoggerFactory.CreateLogger<WorkerRole>();
    private RoleSupervisor? _roleSupervisor;

    public override bool OnStart()
    {
        var environment = RoleEnvironment.Current;
        var (settings, errors) = WorkerRoleSettings.Read(environment);
        if (!RoleSupervisor.TryReadFreeze(environment, out _))
        {
            errors = [.. errors, $"setting '{RoleSupervisor.FreezeSetting}' must be true or false"];
        }

        foreach (var error in errors)
        {
            Log.InvalidSetting(_logger, error);
        }

        if (errors.Count > 0)
        {
            return false;
        }

        if (!TryOpenStorage(environment, out var storage))
        {
            return false;
        }

        var supervisor = new Supervisor(new SupervisorOptions { StopBudget = environment.StopBudget }, RoleLoggerFactory.CreateLogger<Supervisor>());
        AddQueueProcessors(supervisor, storage, settings.VisibilityTimeout, RoleSupervisor.StopStagesOf(environment));
        var scratch = environment.GetLocalResource("Scratch");
        var health = environment.GetLocalResource("Health");
        supervisor.Add(
            new JanitorTask(scratch, settings.JanitorInterval, settings.JanitorMaxAge, RoleLoggerFactory.CreateLogger<JanitorTask>()),
            RestartPolicy.Default with { StallTimeout = settings.JanitorInterval * 3, Required = false });
        supervisor.Add(
            new HealthReportTask(supervisor, health, environment.CurrentRoleInstance.Id, settings.HeartbeatInterval),
            RestartPolicy.Default with { StallTimeout = settings.HeartbeatInterval * 3 });

        _roleSupervisor = new RoleSupervisor(supervisor, environment, RoleLoggerFactory.CreateLogger<RoleSupervisor>());
        Log.Started(_logger, supervisor.GetHealth().Count);
        return true;
    }

    /// <summary>
    /// Reads the storage connection string. No storage call here: the queues, containers and tables are created on
    /// first use by the jobs library, so storage that is down at start makes the queue processors back off under the
    /// supervisor (the instance reports Busy) instead of failing OnStart, and the role starts fast.
    /// </summary>
    private bool TryOpenStorage(RoleInstanceEnvironment environment, [NotNullWhen(true)] out JobStorage? storage)
    {
        storage = null;
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

    /// <summary>
    /// Thumbnails are CPU-bound: as many at once as there are cores. Orders mostly wait on storage: more at once.
    /// Both stop in the stages of the role's stop budget, the same ones the supervisor gives them
    /// (<see cref="StopStages"/>), so their unfinished messages are released before the process exits; a freeze
    /// (which cancels them without a stop) gives them the same time.
    /// </summary>
    private static void AddQueueProcessors(Supervisor supervisor, JobStorage storage, TimeSpan visibilityTimeout, StopStages stop)
    {
        var time = TimeProvider.System;
        var policy = RestartPolicy.Default with { CancellationGrace = stop.TaskGrace };
        supervisor.Add(
            storage.CreateProcessor(
                new QueueProcessorOptions { Name = "thumbnails", Queues = [JobQueues.Thumbnails], MaxConcurrency = Environment.ProcessorCount, VisibilityTimeout = visibilityTimeout }.WithStopStages(stop),
                [new ThumbnailHandler(storage)],
                RoleLoggerFactory.Current),
            policy);
        supervisor.Add(
            storage.CreateProcessor(
                new QueueProcessorOptions { Name = "orders", Queues = [JobQueues.Orders], MaxConcurrency = 8, VisibilityTimeout = visibilityTimeout }.WithStopStages(stop),
                [new OrderWorkflowHandler(new Inventory(storage), new PaymentService(storage, time), new ShippingService(storage, time), new ConfirmationOutbox(storage))],
                RoleLoggerFactory.Current),
            policy);
    }

    public override void Run()
    {
        var outcome = _roleSupervisor!.Run();
        Log.RunReturning(_logger, outcome.Kind);
    }

    public override void OnStop()
    {
        if (_roleSupervisor is null)
        {
            return;
        }

        var report = _roleSupervisor.Stop();
        Log.Drained(_logger, report.Finished.Count, report.Unfinished.Count, report.Elapsed.TotalMilliseconds);
        _roleSupervisor.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(3000, LogLevel.Information, "WorkerRole started with {Count} supervised tasks")]
        public static partial void Started(ILogger logger, int count);

        [LoggerMessage(3001, LogLevel.Error, "Invalid configuration: {Error}")]
        public static partial void InvalidSetting(ILogger logger, string error);

        [LoggerMessage(3002, LogLevel.Information, "Run returning: supervisor {Outcome}")]
        public static partial void RunReturning(ILogger logger, SupervisorOutcomeKind outcome);

        [LoggerMessage(3004, LogLevel.Error, "Storage cannot be used: {Reason}")]
        public static partial void StorageUnavailable(ILogger logger, string reason);

        [LoggerMessage(3003, LogLevel.Information, "Drained: {Finished} tasks finished, {Unfinished} did not, in {ElapsedMs:F0} ms")]
        public static partial void Drained(ILogger logger, int finished, int unfinished, double elapsedMs);
    }
}
