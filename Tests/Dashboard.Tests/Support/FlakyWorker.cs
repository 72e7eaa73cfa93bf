using BackgroundRoles.Jobs;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>
/// A real queue processor under a real supervisor, in the test process, on the test Azurite: job type
/// <see cref="JobType"/> saves a checkpoint and then, by its payload, fails its first attempt and succeeds at the
/// second (<c>"fail-once"</c>), or is rejected as poison (<c>"poison"</c>). Disposing stops it.
/// </summary>
internal sealed class FlakyWorker : IAsyncDisposable
{
    public const string JobType = "dashboard-flaky";
    public const string FirstError = "the first attempt fails <b>loudly</b>";
    public const string PoisonError = "gave up at step 2";
    public const string Checkpoint = "{\"done\":\"<b>step 1</b>\"}";

    private readonly Supervisor _supervisor;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public FlakyWorker(JobStorage storage)
    {
        Storage = storage;
        Queue = "dashflaky" + Guid.NewGuid().ToString("N")[..12];
        var options = new QueueProcessorOptions
        {
            Queues = [Queue],
            MinPollingInterval = TimeSpan.FromMilliseconds(50),
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
            RetryDelay = TimeSpan.Zero,
        };
        _supervisor = new Supervisor(new SupervisorOptions(), NullLogger<Supervisor>.Instance);
        _supervisor.Add(storage.CreateProcessor(options, [new Handler()], NullLoggerFactory.Instance));
        _running = _supervisor.RunAsync(_stop.Token);
    }

    public JobStorage Storage { get; }

    public string Queue { get; }

    public async Task<string> SubmitAsync(string mode) =>
        (await Storage.Jobs.SubmitAsync(Queue, JobType, $$"""{"mode":"{{mode}}"}""", null, CancellationToken.None)).JobId;

    public async Task<JobStatus> WaitForStateAsync(string jobId, JobState state)
    {
        var deadline = DateTime.UtcNow + DashboardRun.Timeout;
        while (true)
        {
            if (await Storage.Statuses.GetAsync(jobId, CancellationToken.None) is { } status && status.State == state)
            {
                return status;
            }

            Assert.IsLessThan(deadline, DateTime.UtcNow, $"job {jobId} never {state}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(60));
        await _supervisor.DisposeAsync();
        _stop.Dispose();
    }

    private sealed class Handler : IJobHandler
    {
        public string JobType => FlakyWorker.JobType;

        public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
        {
            if (context.Payload.Contains("poison", StringComparison.Ordinal))
            {
                await context.SaveCheckpointAsync(Checkpoint, cancellationToken);
                throw new PoisonJobException(PoisonError);
            }

            if (context.DequeueCount == 1)
            {
                await context.SaveCheckpointAsync(Checkpoint, cancellationToken);
                throw new InvalidOperationException(FirstError);
            }

            return new JobResult();
        }
    }
}
