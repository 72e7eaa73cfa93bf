using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>A background task run by a real supervisor of its own until disposed, as a role would run it.</summary>
internal sealed class SupervisedTask : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    public SupervisedTask(IBackgroundTask task, TimeProvider timeProvider, RestartPolicy? policy = null)
    {
        Supervisor = new Supervisor(new SupervisorOptions { TimeProvider = timeProvider, StopBudget = TimeSpan.FromSeconds(10) }, NullLogger<Supervisor>.Instance);
        Supervisor.Add(task, policy ?? new RestartPolicy { InitialBackoff = TimeSpan.FromMilliseconds(100), UseJitter = false });
        Completion = Task.Run(() => Supervisor.RunAsync(_stop.Token));
    }

    public Supervisor Supervisor { get; }

    public Task<SupervisorOutcome> Completion { get; }

    public int Restarts => Supervisor.GetHealth()[0].Restarts;

    /// <summary>Stops the supervisor and waits for it; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await Completion.WaitAsync(TimeSpan.FromSeconds(60));
        _stop.Dispose();
    }
}
