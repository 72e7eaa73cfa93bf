namespace BackgroundRoles.Supervision.Tests.TestSupport;

/// <summary>A supervisor on a fake clock, with scripted tasks and a capturing logger; cleans up after the test.</summary>
internal sealed class SupervisorHarness : IAsyncDisposable
{
    private readonly List<ScriptedTask> _tasks = [];

    public SupervisorHarness(Func<Exception, bool>? isCorruptState = null)
    {
        var options = new SupervisorOptions
        {
            TimeProvider = Time,
            IsCorruptState = isCorruptState ?? SupervisorDefaults.IsCorruptState,
        };
        Supervisor = new Supervisor(options, Logger);
    }

    public TrackingTimeProvider Time { get; } = new();

    public ListLogger Logger { get; } = new();

    public Supervisor Supervisor { get; }

    private Task<SupervisorOutcome>? _run;

    /// <summary>The supervisor's <see cref="Supervisor.RunAsync"/>, once <see cref="StartRun"/> was called.</summary>
    public Task<SupervisorOutcome> Run => _run ?? throw new InvalidOperationException("StartRun was not called.");

    public DateTimeOffset Start { get; private set; }

    public ScriptedTask AddTask(string name, RunMode mode, RestartPolicy? policy = null)
    {
        var task = new ScriptedTask(name, mode);
        _tasks.Add(task);
        Supervisor.Add(task, policy);
        return task;
    }

    public void StartRun(CancellationToken stopToken = default)
    {
        Start = Time.GetUtcNow();
        _run = Supervisor.RunAsync(stopToken);
    }

    public TaskHealth Health(string name) => Supervisor.GetHealth().Single(health => health.Name == name);

    public Task WaitForTaskStateAsync(string name, TaskState state) =>
        WaitUntilAsync(supervisor => supervisor.GetHealth().Single(health => health.Name == name).State == state);

    public Task WaitForStateAsync(SupervisorState state) => WaitUntilAsync(supervisor => supervisor.State == state);

    /// <summary>Waits, without polling, until <paramref name="condition"/> holds after some change the supervisor reports.</summary>
    public Task WaitUntilAsync(Func<Supervisor, bool> condition) => SupervisorWait.UntilAsync(Supervisor, condition);

    public async ValueTask DisposeAsync()
    {
        // A zero budget never waits on the fake clock; then let every scripted run end.
        await Supervisor.StopAsync(TimeSpan.Zero).WaitAsync(TestTimeouts.Guard);
        foreach (ScriptedTask task in _tasks)
        {
            task.ReleaseAll();
        }

        if (_run is not null)
        {
            await ((Task)_run).WaitAsync(TestTimeouts.Guard).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
