using BackgroundRoles.Jobs;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The Azure WebJobs SDK 3 (Microsoft.Azure.WebJobs with the storage queue extension) on the same Azurite: a host with
/// one QueueTrigger no-op function and the extension's default <see cref="QueuesOptions"/>. The clock runs from just
/// before the host's start to the queue being empty after the N-th invocation (the SDK deletes a message after its
/// function returned; the depth polls are not counted as the row's calls).
/// </summary>
internal sealed class WebJobsConsumer(JobStorage storage, CloudQueueClient queues, string connectionString) : StorageQueueConsumer(storage, queues)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private string _options = "default options";

    public override bool IsPeer => true;

    public override string ShortName => "WebJobs SDK";

    public override string Label => $"Azure WebJobs SDK 3 (Microsoft.Azure.WebJobs 3.0.44, Extensions.Storage.Queues 5.3.10), QueueTrigger no-op, {_options}";

    public override async Task ConsumeAsync(string queue, int jobs, RowMeter meter)
    {
        int invoked = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var function = new WebJobsNoopFunction(() =>
        {
            if (Interlocked.Increment(ref invoked) == jobs)
            {
                reached.TrySetResult();
            }
        });
        using IHost host = new HostBuilder()
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = connectionString,
                [WebJobsNoopFunction.QueueSetting] = queue,
            }))
            .ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues())
            .ConfigureServices(services =>
            {
                services.AddSingleton<ITypeLocator>(new OneType(typeof(WebJobsNoopFunction)));
                services.AddSingleton<IJobActivator>(new Activator(function));
            })
            .Build();
        var options = host.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;
        _options = $"default options (BatchSize {options.BatchSize}, NewBatchThreshold {options.NewBatchThreshold}, MaxPollingInterval {options.MaxPollingInterval.TotalSeconds:F0} s)";

        meter.Start();
        await host.StartAsync().ConfigureAwait(false);
        await reached.Task.WaitAsync(Timeout).ConfigureAwait(false);
        await StopWhenDrainedAsync(queue, meter).ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
    }

    private sealed class OneType(Type type) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [type];
    }

    private sealed class Activator(WebJobsNoopFunction function) : IJobActivator
    {
        public T CreateInstance<T>() => function is T instance ? instance : throw new InvalidOperationException($"No instance of {typeof(T)}.");
    }
}
