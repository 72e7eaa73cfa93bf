using BackgroundRoles.ServiceRuntime;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision;

/// <summary>
/// Binds a <see cref="Supervisor"/> to a role instance, so that any role (worker or web) can host supervised
/// background tasks with the platform's conventions:
/// <list type="bullet">
/// <item>the <see cref="FreezeSetting"/> setting freezes the supervisor at start, and a Changed event that
/// flips it drains and parks the tasks or starts them again;</item>
/// <item>StatusCheck reports Busy while a required task is down;</item>
/// <item><see cref="Run"/> blocks the role's Run thread until a stop or an escalation;</item>
/// <item><see cref="Stop"/>, from OnStop, drains within the role's stop budget;</item>
/// <item>every health change is published through <see cref="RoleInstanceEnvironment.PublishHealth"/>, so the
/// fabric can show the tasks (<c>cloudservice status</c>).</item>
/// </list>
/// </summary>
public sealed partial class RoleSupervisor : IDisposable
{
    /// <summary>The setting that freezes the role: true starts no task and parks.</summary>
    public const string FreezeSetting = "Freeze";

    private readonly Supervisor _supervisor;
    private readonly RoleInstanceEnvironment _environment;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Binds <paramref name="supervisor"/> to <paramref name="environment"/>, freezing it at once if the Freeze setting says so.</summary>
    public RoleSupervisor(Supervisor supervisor, RoleInstanceEnvironment environment, ILogger<RoleSupervisor> logger)
        : this(supervisor, environment, logger, frozenAtStart: null)
    {
    }

    /// <summary>
    /// The binding of <see cref="RoleComposition"/>, which has read the Freeze setting once already and passes what it
    /// read, so the setting is read once at start and then only on a Changed that names it.
    /// </summary>
    internal RoleSupervisor(Supervisor supervisor, RoleInstanceEnvironment environment, ILogger logger, bool? frozenAtStart)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(logger);
        _supervisor = supervisor;
        _environment = environment;
        _logger = logger;
        _environment.Changed += OnChanged;
        _environment.StatusCheck += OnStatusCheck;
        _supervisor.HealthChanged += OnHealthChanged;
        _supervisor.StateChanged += OnStateChanged;
        if (frozenAtStart is { } frozen)
        {
            _supervisor.SetFrozen(frozen);
        }
        else
        {
            ApplyFreeze();
        }

        PublishHealth();
    }

    public Supervisor Supervisor => _supervisor;

    /// <summary>Reads the Freeze setting: true, false, or absent (false).</summary>
    /// <returns>False when the setting has a value that is not a boolean.</returns>
    public static bool TryReadFreeze(RoleInstanceEnvironment environment, out bool frozen)
    {
        frozen = false;
        return !environment.TryGetConfigurationSettingValue(FreezeSetting, out var text)
            || string.IsNullOrWhiteSpace(text)
            || bool.TryParse(text.Trim(), out frozen);
    }

    /// <summary>Supervises the tasks until a stop or an escalation; call from the role's Run.</summary>
    public SupervisorOutcome Run()
    {
        var outcome = _supervisor.RunAsync(_stop.Token).GetAwaiter().GetResult();
        if (outcome.Kind == SupervisorOutcomeKind.Escalated)
        {
            Log.Escalated(_logger, outcome.TaskName ?? "(supervisor)", outcome.Reason?.ToString() ?? "unknown");
        }

        return outcome;
    }

    /// <summary>
    /// The stages of this role instance's stop (<see cref="StopStages.FromBudget"/> of
    /// <see cref="RoleInstanceEnvironment.StopBudget"/>): what <see cref="Stop"/> gives the supervisor, and what a
    /// role gives the tasks it adds (<c>QueueProcessorOptions.WithStopStages</c>) so they fit in it.
    /// </summary>
    public static StopStages StopStagesOf(RoleInstanceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return StopStages.FromBudget(environment.StopBudget);
    }

    /// <summary>Drains the tasks within the role's stop budget, in its <see cref="StopStagesOf">stages</see>; call from the role's OnStop.</summary>
    public StopReport Stop()
    {
        // StopAsync first: the budget of the first stop request is the one that holds, and it must be the role's.
        var stopping = _supervisor.StopAsync(StopStagesOf(_environment).Budget);
        _stop.Cancel();
        return stopping.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _environment.Changed -= OnChanged;
        _environment.StatusCheck -= OnStatusCheck;
        _supervisor.HealthChanged -= OnHealthChanged;
        _supervisor.StateChanged -= OnStateChanged;
        _stop.Dispose();
    }

    private void OnChanged(object? sender, RoleEnvironmentChangedEventArgs e)
    {
        if (e.Changes.OfType<RoleEnvironmentConfigurationSettingChange>().Any(c => c.ConfigurationSettingName == FreezeSetting))
        {
            ApplyFreeze();
        }
    }

    private void ApplyFreeze()
    {
        if (!TryReadFreeze(_environment, out var frozen))
        {
            Log.FreezeUnreadable(_logger);
            return;
        }

        // The supervisor logs the transition itself.
        _supervisor.SetFrozen(frozen);
    }

    private void OnHealthChanged(object? sender, TaskHealth e) => PublishHealth();

    private void OnStateChanged(object? sender, SupervisorState e) => PublishHealth();

    private void PublishHealth() => _environment.PublishHealth(new SupervisorHealthReport(_supervisor.State, _supervisor.GetHealth(), _supervisor.IsDegraded));

    private void OnStatusCheck(object? sender, RoleInstanceStatusCheckEventArgs e)
    {
        // A frozen role is stable, on purpose: it stays in rotation. Otherwise a required task that is down means Busy.
        if (_supervisor.State != SupervisorState.Frozen && !_supervisor.IsHealthy)
        {
            e.SetBusy();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1100, LogLevel.Error, "The Freeze setting is not true or false; keeping the current state")]
        public static partial void FreezeUnreadable(ILogger logger);

        [LoggerMessage(1101, LogLevel.Error, "Supervisor escalated because of task {TaskName}: {Reason}. Run returns and the role recycles")]
        public static partial void Escalated(ILogger logger, string taskName, string reason);
    }
}
