using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Hangfire (Hangfire.Core), the in-process peer: N no-op background jobs enqueued before the clock, then a
/// <see cref="BackgroundJobServer"/> with default options; the clock runs from just before the server's start to the
/// N-th job Succeeded in its storage. No Azurite: its jobs live in the process's memory (Hangfire.InMemory), or, with
/// durable, in a SQLite file of its own in a temporary folder (Hangfire.Storage.SQLite, default
/// options), a durable store that needs no server.
/// </summary>
internal sealed class HangfireConsumer(bool durable) : QueueConsumer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly BackgroundJobServerOptions _options = new();
    private Hangfire.JobStorage? _storage;
    private string? _folder;

    public override bool IsPeer => true;

    public override string ShortName => durable ? "Hangfire on SQLite" : "Hangfire in memory";

    public override string Label => durable
        ? $"Hangfire 1.8.25 with Hangfire.Storage.SQLite 0.4.3 (durable: a SQLite file, in process, no Azurite), no-op job, default options ({_options.WorkerCount} workers)"
        : $"Hangfire 1.8.25 with Hangfire.InMemory 1.0.0 (in process, no Azurite), no-op job, default options ({_options.WorkerCount} workers)";

    public override bool UsesAzurite => false;

    public override Task FillAsync(string queue, int jobs)
    {
        if (durable)
        {
            _folder ??= Directory.CreateTempSubdirectory("backgroundroles-bench-hangfire-").FullName;
            _storage = new SQLiteStorage(Path.Combine(_folder, queue + ".db"), new SQLiteStorageOptions());
        }
        else
        {
            _storage = new InMemoryStorage();
        }

        var client = new BackgroundJobClient(_storage);
        for (int i = 0; i < jobs; i++)
        {
            client.Enqueue<HangfireNoopJob>(job => job.Run());
        }

        return Task.CompletedTask;
    }

    public override async Task ConsumeAsync(string queue, int jobs, RowMeter meter)
    {
        var storage = _storage ?? throw new InvalidOperationException("Fill first.");
        int ran = 0;
        var job = new HangfireNoopJob(() => Interlocked.Increment(ref ran));
        var monitoring = storage.GetMonitoringApi();
        _options.Activator = new Activator(job);
        meter.Start();
        using (new BackgroundJobServer(_options, storage))
        {
            long deadline = Environment.TickCount64 + (long)Timeout.TotalMilliseconds;
            while (monitoring.SucceededListCount() < jobs)
            {
                if (Environment.TickCount64 > deadline)
                {
                    throw new TimeoutException($"Hangfire ran {ran} of {jobs} jobs in {Timeout.TotalSeconds:F0} s.");
                }

                await Task.Delay(1).ConfigureAwait(false);
            }

            meter.Stop();
        }
    }

    public override Task CheckDrainedAsync(string queue)
    {
        var monitoring = (_storage ?? throw new InvalidOperationException("Fill first.")).GetMonitoringApi();
        long left = monitoring.EnqueuedCount("default") + monitoring.ProcessingCount() + monitoring.FailedCount();
        (_storage as IDisposable)?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }

        return left == 0 ? Task.CompletedTask : throw new InvalidOperationException($"Hangfire still holds {left} jobs (enqueued, processing or failed) after the run.");
    }

    private sealed class Activator(HangfireNoopJob job) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(HangfireNoopJob) ? job : base.ActivateJob(jobType);
    }
}
