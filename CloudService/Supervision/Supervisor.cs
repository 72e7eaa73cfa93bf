using BackgroundRoles.Supervision.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision;

/// <summary>
/// Runs named background tasks, each with its own cancellation token, restarts them when they fail, and escalates
/// when restarts storm or shared state is corrupt. One task's failure never stops the others.
/// </summary>
/// <remarks>
/// Order of calls: the constructor, <see cref="Add(IBackgroundTask, RestartPolicy?)"/> for each task,
/// optionally <see cref="SetFrozen"/>, then <see cref="RunAsync"/> once (it returns on stop or escalation), and
/// <see cref="StopAsync"/> from another thread (or cancel the token given to <see cref="RunAsync"/>).
/// <see cref="SetFrozen"/>, <see cref="GetHealth"/>, <see cref="IsHealthy"/> and <see cref="State"/> may be used
/// at any time, from any thread.
/// </remarks>
public sealed partial class Supervisor : IAsyncDisposable
{
    private readonly SupervisorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<TaskRunner> _runners = [];
    private readonly TaskCompletionSource<SupervisorOutcome> _escalation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _controlChanged = NewSignal();
    private SupervisorState _state = SupervisorState.Idle;
    private bool _frozen;
    private bool _runCalled;
    private Session? _session;
    private Task<StopReport>? _stopTask;
    private StopStages? _stopStages;

    public Supervisor(SupervisorOptions options, ILogger<Supervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate(nameof(options));
        _options = options;
        _logger = logger;
        _time = options.TimeProvider;
    }

    /// <summary>Raised, on the thread that made the change, whenever a task's state changes or it backs off.</summary>
    public event EventHandler<TaskHealth>? HealthChanged;

    /// <summary>Raised, on the thread that made the change, whenever <see cref="State"/> changes.</summary>
    public event EventHandler<SupervisorState>? StateChanged;

    public SupervisorState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Whether the supervisor is set to be frozen (see <see cref="SetFrozen"/>).</summary>
    public bool IsFrozen
    {
        get
        {
            lock (_gate)
            {
                return _frozen;
            }
        }
    }

    /// <summary>
    /// True while the supervisor is <see cref="SupervisorState.Running"/> and every required task is
    /// <see cref="TaskState.Running"/>; false while frozen, stopped, escalated, or while a required task backs off,
    /// stalls or leaked. Check <see cref="State"/> first to tell Frozen from Busy.
    /// </summary>
    /// <remarks>A task its decider stopped (<see cref="TaskState.Degraded"/>) does not count: see <see cref="IsDegraded"/>.</remarks>
    public bool IsHealthy =>
        State == SupervisorState.Running
        && Runners().All(runner => !runner.Policy.Required || runner.State is TaskState.Running or TaskState.Degraded);

    /// <summary>
    /// True once a task's decider has stopped it (<see cref="TaskDirective.Stop"/>): the role goes on without that
    /// task, in rotation, until it recycles. The health report shows it, and the task as <see cref="TaskState.Degraded"/>.
    /// </summary>
    public bool IsDegraded => Runners().Any(runner => runner.IsDegraded);

    /// <summary>A health snapshot of every task, in the order they were added.</summary>
    public IReadOnlyList<TaskHealth> GetHealth() => Runners().Select(runner => runner.GetHealth()).ToArray();

    /// <summary>Adds a task; call before <see cref="RunAsync"/>.</summary>
    /// <param name="task">The task; its name must be unique within this supervisor.</param>
    /// <param name="policy">How it is restarted; default <see cref="RestartPolicy.Default"/>.</param>
    public void Add(IBackgroundTask task, RestartPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        Add(task.Name, task.RunAsync, policy);
    }

    /// <summary>Adds a task given as a delegate; call before <see cref="RunAsync"/>.</summary>
    /// <param name="name">The task's name, unique within this supervisor.</param>
    /// <param name="run">The task's body: see <see cref="IBackgroundTask.RunAsync"/>.</param>
    /// <param name="policy">How it is restarted; default <see cref="RestartPolicy.Default"/>.</param>
    public void Add(string name, Func<BackgroundTaskContext, CancellationToken, Task> run, RestartPolicy? policy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        policy ??= RestartPolicy.Default;
        policy.Validate(nameof(policy));
        var runner = new TaskRunner(name, run, policy, _options, _logger, this);
        lock (_gate)
        {
            if (_runCalled || _stopTask is not null)
            {
                throw new InvalidOperationException("Tasks must be added before RunAsync or StopAsync is called.");
            }

            if (_runners.Any(existing => existing.Name == name))
            {
                throw new ArgumentException($"A task named '{name}' has already been added.", nameof(name));
            }

            _runners.Add(runner);
        }
    }

    /// <summary>
    /// Freezes or unfreezes the supervisor. Frozen before <see cref="RunAsync"/>, no task starts; frozen while
    /// running, the tasks are cancelled, given their grace, and parked; unfrozen, they start again.
    /// </summary>
    public void SetFrozen(bool frozen)
    {
        lock (_gate)
        {
            if (_frozen == frozen)
            {
                return;
            }

            _frozen = frozen;
        }

        Poke();
    }

    /// <summary>
    /// Runs the tasks until a stop (<see cref="StopAsync"/> or <paramref name="stopToken"/>, which stops within
    /// <see cref="SupervisorOptions.StopBudget"/>) or an escalation. Call once.
    /// </summary>
    /// <returns>
    /// Stopped once the stop has finished, or Escalated with the reason once every task has been cancelled (and
    /// given its grace). A fatal error in a task (such as <see cref="OutOfMemoryException"/>) is rethrown instead.
    /// </returns>
    public async Task<SupervisorOutcome> RunAsync(CancellationToken stopToken)
    {
        lock (_gate)
        {
            if (_runCalled)
            {
                throw new InvalidOperationException("RunAsync can be called only once.");
            }

            _runCalled = true;
        }

        using CancellationTokenRegistration onStop = stopToken.Register(static state => ((Supervisor)state!).StopFromToken(), this);
        Log.Starting(_logger, Runners().Length);
        bool wasFrozen = false;
        while (true)
        {
            (Task changed, bool frozen, bool stopping) = ReadControl();
            if (stopping)
            {
                break;
            }

            if (_escalation.Task.IsCompleted)
            {
                return await EndEscalatedAsync(session: null).ConfigureAwait(false);
            }

            if (frozen)
            {
                wasFrozen = true;
                Park();
                await Task.WhenAny(changed, _escalation.Task).ConfigureAwait(false);
                continue;
            }

            Session? session = StartSession();
            if (session is null)
            {
                break;
            }

            if (wasFrozen)
            {
                Log.Unfrozen(_logger);
                wasFrozen = false;
            }

            // Wait for something that ends this session: a stop, a freeze, or an escalation.
            while (!stopping && !frozen && !_escalation.Task.IsCompleted)
            {
                await Task.WhenAny(changed, _escalation.Task).ConfigureAwait(false);
                (changed, frozen, stopping) = ReadControl();
            }

            if (stopping)
            {
                break;
            }

            if (_escalation.Task.IsCompleted)
            {
                return await EndEscalatedAsync(session).ConfigureAwait(false);
            }

            await DrainAsync(session).ConfigureAwait(false);
        }

        Task<StopReport> stop;
        lock (_gate)
        {
            stop = _stopTask!;
        }

        await stop.ConfigureAwait(false);
        return SupervisorOutcome.Stopped;
    }

    /// <summary>
    /// Stops: takes no more work, cancels every task's token, waits for the tasks at most
    /// <see cref="StopStages.TaskGrace"/> of <see cref="StopStages.FromBudget">the budget's stages</see> (each task gets
    /// that long after its cancellation, however short its <see cref="RestartPolicy.CancellationGrace"/>), logs
    /// each task that did not finish, and reports. Always returns within <paramref name="budget"/> less
    /// <see cref="StopStages.HostReserve"/>. Later calls return the first call's report.
    /// </summary>
    public Task<StopReport> StopAsync(TimeSpan budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, TimeSpan.Zero);
        Task<StopReport> stop;
        bool first = false;
        lock (_gate)
        {
            if (_stopTask is null)
            {
                first = true;

                // Set before any task is cancelled: a task's runner reads it once it sees the cancellation.
                _stopStages = StopStages.FromBudget(budget);

                // Run outside the lock and off the caller's thread: cancelling runs the tasks' callbacks inline.
                StopStages stages = _stopStages;
                _stopTask = Task.Run(() => StopCoreAsync(stages));
            }

            stop = _stopTask;
        }

        if (first)
        {
            Transition(SupervisorState.Stopping);
            Poke();
        }

        return stop;
    }

    /// <summary>Stops within <see cref="SupervisorOptions.StopBudget"/> unless already stopped.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(_options.StopBudget).ConfigureAwait(false);
}
