using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Supervision.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision;

/// <summary>
/// A role's background work, declared on a <see cref="RoleKit"/> and bound to the role instance: the kit's
/// supervisor gets the role's stop budget, the Freeze setting (read once at <see cref="Start"/>, applied then and on
/// each Changed that names it), StatusCheck, health publishing, and a stop in the budget's stages
/// (<see cref="RoleSupervisor"/>). A role reads neither Freeze nor its stop budget itself; <see cref="ComposedRoleEntryPoint"/>
/// derives OnStart, Run and OnStop from this.
/// </summary>
public sealed partial class RoleComposition : IDisposable
{
    private readonly RoleSupervisor _binding;
    private readonly EnvironmentSettings _settings;
    private readonly ILogger _logger;

    private RoleComposition(RoleSupervisor binding, EnvironmentSettings settings, ILogger logger)
    {
        _binding = binding;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>The supervisor that runs what was declared.</summary>
    public Supervisor Supervisor => _binding.Supervisor;

    /// <summary>
    /// Reads the Freeze setting, lets <paramref name="declare"/> declare the role's work on a kit, and binds the
    /// kit's supervisor to <paramref name="environment"/>. Call from OnStart.
    /// </summary>
    /// <param name="environment">The role instance.</param>
    /// <param name="declare">The role's declaration; false when the role cannot start (it has logged why, e.g. a bad setting).</param>
    /// <param name="loggerFactory">Where the logs go; default the role's (<see cref="RoleLoggerFactory.Current"/>).</param>
    /// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <returns>The composition, or null when Freeze is not true or false or <paramref name="declare"/> returned false (OnStart then returns false).</returns>
    public static RoleComposition? Start(RoleInstanceEnvironment environment, Func<RoleKit, bool> declare, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(declare);
        loggerFactory ??= RoleLoggerFactory.Current;
        var logger = loggerFactory.CreateLogger<RoleComposition>();

        // The one read of Freeze at start; a bad value is reported with the role's own setting errors, not instead of them.
        var freezeReadable = RoleSupervisor.TryReadFreeze(environment, out var frozen);
        if (!freezeReadable)
        {
            Log.FreezeInvalid(logger, RoleSupervisor.FreezeSetting);
        }

        // The kit's settings are the instance's, live: a Changed that names settings reaches the kit's hook.
        var settings = new EnvironmentSettings(environment);
        var kit = new RoleKit(environment.StopBudget, loggerFactory, timeProvider, settings);
        if (!TryDeclare(declare, kit, logger) || !freezeReadable)
        {
            settings.Dispose();
            return null;
        }

        var binding = new RoleSupervisor(kit.Supervisor, environment, loggerFactory.CreateLogger<RoleSupervisor>(), frozen);
        Log.Started(logger, kit.Supervisor.GetHealth().Count, kit.StopStages.Budget);
        return new RoleComposition(binding, settings, logger);
    }

    /// <summary>
    /// The role's declaration; a declaration the kit refuses (a bad setting value such as a cron expression, a name
    /// used twice) is an <see cref="ArgumentException"/> saying what and where, logged as such: OnStart is false, with
    /// no stack trace for a configuration mistake.
    /// </summary>
    private static bool TryDeclare(Func<RoleKit, bool> declare, RoleKit kit, ILogger logger)
    {
        try
        {
            return declare(kit);
        }
        catch (ArgumentException exception)
        {
            Log.DeclarationInvalid(logger, exception.Message);
            return false;
        }
    }

    /// <summary>Runs the declared work until a stop or an escalation; call from Run. Returning lets the role recycle.</summary>
    public SupervisorOutcome Run()
    {
        var outcome = _binding.Run();
        Log.RunReturning(_logger, outcome.Kind);
        return outcome;
    }

    /// <summary>Drains the declared work within the role's stop budget, in its stages; call from OnStop.</summary>
    public StopReport Stop()
    {
        var report = _binding.Stop();
        Log.Drained(_logger, report.Finished.Count, report.Unfinished.Count, report.Elapsed.TotalMilliseconds);
        return report;
    }

    /// <summary>Unbinds the supervisor and the kit's settings from the role instance.</summary>
    public void Dispose()
    {
        _binding.Dispose();
        _settings.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1102, LogLevel.Error, "Invalid configuration: setting '{Setting}' must be true or false")]
        public static partial void FreezeInvalid(ILogger logger, string setting);

        [LoggerMessage(1103, LogLevel.Information, "Role composed: {Count} supervised tasks, stop budget {StopBudget}")]
        public static partial void Started(ILogger logger, int count, TimeSpan stopBudget);

        [LoggerMessage(1104, LogLevel.Information, "Run returning: supervisor {Outcome}")]
        public static partial void RunReturning(ILogger logger, SupervisorOutcomeKind outcome);

        [LoggerMessage(1106, LogLevel.Error, "Invalid declaration: {Error}")]
        public static partial void DeclarationInvalid(ILogger logger, string error);

        [LoggerMessage(1105, LogLevel.Information, "Drained: {Finished} tasks finished, {Unfinished} did not, in {ElapsedMs:F0} ms")]
        public static partial void Drained(ILogger logger, int finished, int unfinished, double elapsedMs);
    }
}
