using BackgroundRoles.Jobs.Composition;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>A role kit declaring one queue's handler, its supervisor running until disposed (a graceful stop), as a role runs it.</summary>
internal sealed class RunningKit : IAsyncDisposable
{
    private int _disposed;

    private RunningKit(RoleKit kit)
    {
        Kit = kit;
        Run = kit.Supervisor.RunAsync(CancellationToken.None);
    }

    public RoleKit Kit { get; }

    public Task<SupervisorOutcome> Run { get; }

    public static RunningKit Start(JobStorage storage, string queue, IJobHandler handler, Func<QueueProcessorOptions, QueueProcessorOptions> configure) =>
        new(new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance).AddQueueHandlers(storage, queues => queues.Handle(queue, handler).Configure(queue, configure)));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Kit.Supervisor.StopAsync(Kit.StopStages.Budget);
            Assert.AreEqual(SupervisorOutcomeKind.Stopped, (await Run.WaitAsync(TimeSpan.FromSeconds(30))).Kind);
        }
    }
}
