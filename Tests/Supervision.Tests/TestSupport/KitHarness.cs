using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Supervision.Tests.TestSupport;

/// <summary>A <see cref="RoleKit"/> on a fake clock with a capturing logger; runs its supervisor and cleans up after the test.</summary>
internal sealed class KitHarness : IAsyncDisposable
{
    private readonly List<ScriptedTask> _tasks = [];
    private Task<SupervisorOutcome>? _run;

    public KitHarness(TimeSpan? stopBudget = null)
    {
        Kit = new RoleKit(stopBudget ?? TimeSpan.FromSeconds(30), Logs, Time);
    }

    public TrackingTimeProvider Time { get; } = new();

    public ListLoggerFactory Logs { get; } = new();

    public RoleKit Kit { get; }

    public Supervisor Supervisor => Kit.Supervisor;

    public Task<SupervisorOutcome> Run => _run ?? throw new InvalidOperationException("StartRun was not called.");

    public ScriptedTask AddTask(string name, RunMode mode, RestartPolicy? policy = null)
    {
        var task = new ScriptedTask(name, mode);
        _tasks.Add(task);
        Kit.Add(task, policy);
        return task;
    }

    public void StartRun() => _run = Supervisor.RunAsync(CancellationToken.None);

    public TaskHealth Health(string name) => Supervisor.GetHealth().Single(health => health.Name == name);

    public Task WaitForTaskStateAsync(string name, TaskState state) =>
        WaitUntilAsync(supervisor => supervisor.GetHealth().Single(health => health.Name == name).State == state);

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
