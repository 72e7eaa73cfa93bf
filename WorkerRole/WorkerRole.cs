using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.WorkerRole.Tasks;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WorkerRole;

/// <summary>
/// The worker role: its Run loop supervises the background tasks.
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

        var supervisor = new Supervisor(new SupervisorOptions { StopBudget = environment.StopBudget }, RoleLoggerFactory.CreateLogger<Supervisor>());
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

        [LoggerMessage(3003, LogLevel.Information, "Drained: {Finished} tasks finished, {Unfinished} did not, in {ElapsedMs:F0} ms")]
        public static partial void Drained(ILogger logger, int finished, int unfinished, double elapsedMs);
    }
}
