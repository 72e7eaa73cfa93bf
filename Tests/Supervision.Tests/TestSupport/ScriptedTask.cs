using System.Threading.Channels;

namespace BackgroundRoles.Supervision.Tests.TestSupport;

internal enum RunMode
{
    /// <summary>Throws as soon as it starts.</summary>
    FailAtOnce,

    /// <summary>Runs until the test finishes the run, or until cancelled.</summary>
    Cooperative,

    /// <summary>Runs until the test finishes the run, whatever its token says.</summary>
    IgnoresCancellation,
}

/// <summary>One run of a <see cref="ScriptedTask"/>, which the test drives.</summary>
internal sealed class TaskRun(BackgroundTaskContext context, CancellationToken token)
{
    private readonly TaskCompletionSource<Exception?> _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BackgroundTaskContext Context { get; } = context;

    public CancellationToken Token { get; } = token;

    /// <summary>Completes when the run has returned or thrown.</summary>
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<Exception?> Finish => _finish.Task;

    public void Fail(Exception? exception = null) =>
        _finish.TrySetResult(exception ?? new InvalidOperationException($"Run {Context.Attempt} failed."));

    public void Return() => _finish.TrySetResult(null);
}

/// <summary>A background task whose every run is handed to the test to drive.</summary>
internal sealed class ScriptedTask(string name, RunMode mode) : IBackgroundTask
{
    private readonly Channel<TaskRun> _runs = Channel.CreateUnbounded<TaskRun>();
    private readonly List<TaskRun> _all = [];
    private int _started;
    private volatile RunMode _mode = mode;

    public string Name { get; } = name;

    public RunMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    public int Started => Volatile.Read(ref _started);

    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        var run = new TaskRun(context, cancellationToken);
        lock (_all)
        {
            _all.Add(run);
        }

        Interlocked.Increment(ref _started);
        _runs.Writer.TryWrite(run);
        try
        {
            Exception? failure = _mode switch
            {
                RunMode.FailAtOnce => new InvalidOperationException($"{Name} run {context.Attempt} failed at once."),
                RunMode.Cooperative => await run.Finish.WaitAsync(cancellationToken),
                _ => await run.Finish,
            };
            if (failure is not null)
            {
                throw failure;
            }
        }
        finally
        {
            run.Ended.TrySetResult();
        }
    }

    public async Task<TaskRun> NextRunAsync() => await _runs.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Guard);

    /// <summary>Lets every run that is still going end, so nothing outlives the test.</summary>
    public void ReleaseAll()
    {
        lock (_all)
        {
            foreach (TaskRun run in _all)
            {
                run.Return();
            }
        }
    }
}
