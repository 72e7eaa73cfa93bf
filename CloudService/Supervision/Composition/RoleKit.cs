using BackgroundRoles.Supervision.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision.Composition;

/// <summary>
/// What a role declares its background work with: long-running tasks, periodic tasks, and (through extensions such
/// as the jobs library's queue handlers) anything built on them. The kit derives the rest: one
/// <see cref="Supervisor"/> with the role's stop budget, the <see cref="StopStages"/> every task and processor
/// stops in, and each task's <see cref="RestartPolicy"/> (<see cref="CompositionDefaults"/>).
/// </summary>
/// <remarks>
/// The role host's binding (<c>RoleComposition</c> in the runtime) creates the kit, hands it to the role's
/// declaration, then runs, freezes and stops the supervisor; a role never touches those.
/// </remarks>
public sealed partial class RoleKit
{
    private readonly List<Action<RoleSettingsChangedEventArgs>> _settingsChanged = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private RestartPolicy _defaultPolicy;

    /// <summary>A kit for a role whose stop budget is <paramref name="stopBudget"/>.</summary>
    /// <param name="stopBudget">The role's stop budget; every stop stage comes from it.</param>
    /// <param name="loggerFactory">Where the supervisor's and the tasks' logs go.</param>
    /// <param name="timeProvider">The clock of every delay; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="settings">The role's settings, read live; default none (every read finds nothing, nothing changes).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stopBudget"/> is negative.</exception>
    public RoleKit(TimeSpan stopBudget, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null, IRoleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        StopStages = CompositionDefaults.StopStagesOf(stopBudget);
        LoggerFactory = loggerFactory;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Settings = settings ?? NoRoleSettings.Instance;
        Settings.Changed += RaiseSettingsChanged;
        _logger = loggerFactory.CreateLogger<RoleKit>();
        _defaultPolicy = CompositionDefaults.PolicyFor(StopStages);
        Supervisor = new Supervisor(
            new SupervisorOptions { StopBudget = stopBudget, TimeProvider = TimeProvider },
            loggerFactory.CreateLogger<Supervisor>());
    }

    /// <summary>The stages of the role's stop: what the supervisor gives its tasks, and what a processor added through the kit drains and releases in.</summary>
    public StopStages StopStages { get; }

    /// <summary>The role's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Where the role's logs go.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>
    /// The role's settings, read live: what a declaration reads a value from that may change while the role runs (a
    /// schedule's cron expression), together with <see cref="OnSettingsChanged"/>.
    /// </summary>
    public IRoleSettings Settings { get; }

    /// <summary>The supervisor that runs what is declared; read its health from here (<see cref="Supervisor.GetHealth"/>).</summary>
    public Supervisor Supervisor { get; }

    /// <summary>
    /// The policy of every task declared without one, and of extensions' tasks: <see cref="CompositionDefaults.PolicyFor"/>
    /// at first. Set it before declaring, e.g. with a role-wide <see cref="RestartPolicy.Decider"/>.
    /// </summary>
    public RestartPolicy DefaultPolicy
    {
        get => _defaultPolicy;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate(nameof(value));
            _defaultPolicy = value;
        }
    }

    /// <summary>Declares a long-running task.</summary>
    /// <param name="task">The task; its name must be unique within the role.</param>
    /// <param name="policy">How it is restarted and what its failures call for; default <see cref="DefaultPolicy"/>.</param>
    public RoleKit Add(IBackgroundTask task, RestartPolicy? policy = null)
    {
        Supervisor.Add(task, policy ?? DefaultPolicy);
        return this;
    }

    /// <summary>Declares a long-running task given as a delegate: see <see cref="IBackgroundTask.RunAsync"/>.</summary>
    /// <param name="name">The task's name, unique within the role.</param>
    /// <param name="run">The task's body.</param>
    /// <param name="policy">How it is restarted and what its failures call for; default <see cref="DefaultPolicy"/>.</param>
    public RoleKit Add(string name, Func<BackgroundTaskContext, CancellationToken, Task> run, RestartPolicy? policy = null)
    {
        Supervisor.Add(name, run, policy ?? DefaultPolicy);
        return this;
    }

    /// <summary>
    /// Declares a task run every <paramref name="interval"/> on the role's clock, the first run at start. Runs never
    /// overlap: a tick that comes while the last run goes on is skipped and logged. A run that throws fails the task
    /// (restart, escalate or stop by its decider); the restarted task runs at once.
    /// </summary>
    /// <param name="name">The task's name, unique within the role.</param>
    /// <param name="interval">Time between the starts of two runs.</param>
    /// <param name="run">One run.</param>
    /// <param name="policy">
    /// How it is restarted; default <see cref="DefaultPolicy"/>. Without a stall timeout it gets
    /// <see cref="CompositionDefaults.PeriodicStallTimeout"/> (the task beats at every tick, a run or not).
    /// </param>
    public RoleKit AddPeriodic(string name, TimeSpan interval, Func<BackgroundTaskContext, CancellationToken, Task> run, RestartPolicy? policy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        policy ??= DefaultPolicy;
        policy = policy with { StallTimeout = policy.StallTimeout ?? CompositionDefaults.PeriodicStallTimeout(interval) };
        Supervisor.Add(new PeriodicTask(name, interval, run, LoggerFactory.CreateLogger<Supervisor>()), policy);
        return this;
    }

    /// <summary>Declares <paramref name="task"/> to run every <paramref name="interval"/>: see <see cref="AddPeriodic(string, TimeSpan, Func{BackgroundTaskContext, CancellationToken, Task}, RestartPolicy?)"/>.</summary>
    public RoleKit AddPeriodic(IPeriodicTask task, TimeSpan interval, RestartPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        return AddPeriodic(task.Name, interval, task.RunOnceAsync, policy);
    }
}
