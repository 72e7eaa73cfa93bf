using BackgroundRoles.Jobs;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Benchmarks;

/// <summary>What the queue benchmarks share: filling a queue through <see cref="JobClient"/>, handlers, and running processors.</summary>
internal static class QueueJobs
{
    /// <summary>The job type of the no-op jobs.</summary>
    public const string NoopType = "noop";

    /// <summary>Submits <paramref name="count"/> jobs of <paramref name="jobType"/> with <paramref name="payload"/> (16 at a time); returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> FillAsync(JobStorage storage, string queue, string jobType, int count, Func<int, string> payload)
    {
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            ids[i] = (await storage.Jobs.SubmitAsync(queue, jobType, payload(i), null, ct).ConfigureAwait(false)).JobId).ConfigureAwait(false);
        return ids;
    }

    /// <summary>
    /// A processor under a <see cref="Supervisor"/>, as a role runs it; <see cref="DisposeAsync"/> stops the
    /// supervisor (the processor's token is cancelled, it drains) and waits for the stop.
    /// </summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Supervisor _supervisor;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<SupervisorOutcome> _run;

        public Running(JobStorage storage, QueueProcessorOptions options, IJobHandler handler, ILoggerFactory loggers)
        {
            _supervisor = new Supervisor(new SupervisorOptions(), loggers.CreateLogger<Supervisor>());
            _supervisor.Add(storage.CreateProcessor(options, [handler], loggers), RestartPolicy.Default with { MaxRestarts = 0 });
            _run = _supervisor.RunAsync(_stop.Token);
        }

        /// <summary>Several processors under one supervisor, each with its own options and handler.</summary>
        public Running(JobStorage storage, IEnumerable<(QueueProcessorOptions Options, IJobHandler Handler)> processors, ILoggerFactory loggers)
        {
            _supervisor = new Supervisor(new SupervisorOptions(), loggers.CreateLogger<Supervisor>());
            foreach (var (options, handler) in processors)
            {
                _supervisor.Add(storage.CreateProcessor(options, [handler], loggers), RestartPolicy.Default with { MaxRestarts = 0 });
            }

            _run = _supervisor.RunAsync(_stop.Token);
        }

        /// <summary>Throws when the supervisor ended on its own (a processor failed and escalated).</summary>
        public void ThrowIfEnded()
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException($"The supervisor of the queue processor ended early: {_run.Status}, {(_run.IsCompletedSuccessfully ? _run.Result.Kind.ToString() : _run.Exception?.GetBaseException().Message)}.");
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _run.ConfigureAwait(false);
            await _supervisor.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    /// <summary>A handler that calls <paramref name="run"/> and succeeds.</summary>
    public sealed class Handler(string jobType, Func<JobContext, CancellationToken, Task> run) : IJobHandler
    {
        public string JobType => jobType;

        public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
        {
            await run(context, cancellationToken).ConfigureAwait(false);
            return JobResult.Success;
        }
    }
}
