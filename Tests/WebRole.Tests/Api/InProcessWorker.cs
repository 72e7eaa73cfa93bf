using BackgroundRoles.Jobs;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.WebRole.Tests.Api;

/// <summary>
/// The jobs library's real queue processor under a real supervisor, in the test's process, on a queue of the test's
/// own, so the test's handler decides when the job's status moves while the web role runs as its own process.
/// </summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private InProcessWorker(Supervisor supervisor)
    {
        _run = Task.Run(() => supervisor.RunAsync(_stop.Token));
    }

    public static InProcessWorker Start(JobStorage storage, string queue, IJobHandler handler)
    {
        var options = new QueueProcessorOptions
        {
            Queues = [queue],
            MinPollingInterval = TimeSpan.FromMilliseconds(50),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
            DrainTimeout = TimeSpan.FromSeconds(1),

            // Running is written before the handler starts, so the first status after Queued is Running at 0 %.
            RunningStatusDelay = TimeSpan.Zero,
        };
        var supervisor = new Supervisor(new SupervisorOptions(), NullLogger<Supervisor>.Instance);
        supervisor.Add(storage.CreateProcessor(options, [handler], NullLoggerFactory.Instance));
        return new InProcessWorker(supervisor);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(60));
        _stop.Dispose();
    }
}
