using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs.Composition;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.Composition;

/// <summary>Typed queue handlers declared on the role kit, against a real Azurite.</summary>
[TestClass]
public sealed class QueueHandlerRegistrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task AddQueueHandlers_NewJobType_OneRouteAndOneHandlerRunIt()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        // The whole of a new job type: one route (a line in the contracts) and one handler class.
        var route = new JobRoute<Greeting>(Names.Queue("g"), "greeting");
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance)
            .AddQueueHandlers(storage, queues => queues
                .Handle(route, new GreetingHandler())
                .Configure(route.Queue, Fast));

        var submission = await storage.Jobs.SubmitAsync(route.Queue, route.JobType, """{"name":"Ada"}""", null, None);
        var run = kit.Supervisor.RunAsync(None);
        var status = await Eventually.FinalAsync(storage, submission.JobId);
        await StopAsync(kit, run);

        Assert.AreEqual(JobState.Succeeded, status.State, status.Error);
        Assert.AreEqual("hello Ada", status.ResultReference);
        Assert.AreEqual(route.Queue, kit.Supervisor.GetHealth().Single().Name, "one processor, named after its queue");
    }

    [TestMethod]
    public async Task AddQueueHandlers_PayloadNotOfTheRoutesType_PoisonedBeforeTheHandlerRuns()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var route = new JobRoute<Greeting>(Names.Queue("g"), "greeting");
        var handler = new GreetingHandler();
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance)
            .AddQueueHandlers(storage, queues => queues.Handle(route, handler).Configure(route.Queue, Fast));

        var submission = await storage.Jobs.SubmitAsync(route.Queue, route.JobType, "[1, 2]", null, None);
        var run = kit.Supervisor.RunAsync(None);
        var status = await Eventually.FinalAsync(storage, submission.JobId);
        await StopAsync(kit, run);

        Assert.AreEqual(JobState.Poisoned, status.State);
        StringAssert.Contains(status.Error, "payload is not a greeting (Greeting)");
        Assert.AreEqual(0, handler.Calls);
    }

    [TestMethod]
    public void AddQueueHandlers_RoutesOnTwoQueues_OneProcessorPerQueueInTheKitsStopStages()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var kit = new RoleKit(TimeSpan.FromSeconds(20), NullLoggerFactory.Instance);
        var stages = kit.StopStages;
        QueueHandlerSet? declared = null;

        kit.AddQueueHandlers(storage, queues => declared = queues
            .Handle(new JobRoute<Greeting>("greetings", "greeting"), new GreetingHandler())
            .Handle(new JobRoute<Greeting>("greetings", "farewell"), new GreetingHandler())
            .Handle(new JobRoute<Greeting>("others", "greeting"), new GreetingHandler())
            .Configure("others", options => options with { MaxConcurrency = 3, DrainTimeout = TimeSpan.FromHours(1) }));

        CollectionAssert.AreEqual(new[] { "greetings", "others" }, kit.Supervisor.GetHealth().Select(health => health.Name).ToArray());
        var groups = declared!.Groups(stages);
        Assert.AreEqual(2, groups[0].Handlers.Count);
        Assert.AreEqual(3, groups[1].Options.MaxConcurrency);
        foreach (var (options, _) in groups)
        {
            Assert.AreEqual(stages.Drain, options.DrainTimeout, "the stop stages are the kit's, whatever a queue sets");
            Assert.AreEqual(stages.Release, options.ReleaseTimeout);
            Assert.AreEqual(stages.HandlerGrace, options.HandlerGrace);
        }
    }

    [TestMethod]
    public void Handle_SameJobTypeTwiceOnAQueue_ThrowsNamingIt()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance);
        var route = new JobRoute<Greeting>("greetings", "greeting");

        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            kit.AddQueueHandlers(JobStorage.Create(TestAzurite.ConnectionString), queues => queues.Handle(route, new GreetingHandler()).Handle(route, new GreetingHandler())));

        StringAssert.Contains(error.Message, "'greeting'");
    }

    [TestMethod]
    public void Configure_QueueWithoutHandler_ThrowsNamingIt()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance);

        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            kit.AddQueueHandlers(JobStorage.Create(TestAzurite.ConnectionString), queues => queues
                .Handle(new JobRoute<Greeting>("greetings", "greeting"), new GreetingHandler())
                .Configure("typo", options => options)));

        StringAssert.Contains(error.Message, "'typo'");
    }

    private static QueueProcessorOptions Fast(QueueProcessorOptions options) => options with
    {
        MinPollingInterval = TimeSpan.FromMilliseconds(50),
        MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        MaxDequeueCount = 3,
    };

    private static async Task StopAsync(RoleKit kit, Task<SupervisorOutcome> run)
    {
        await kit.Supervisor.StopAsync(kit.StopStages.Budget);
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, (await run.WaitAsync(TimeSpan.FromSeconds(30))).Kind);
    }

    /// <summary>The new job type's payload.</summary>
    public sealed record Greeting(string Name);

    /// <summary>The new job type's handler.</summary>
    private sealed class GreetingHandler : IJobHandler<Greeting>
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<JobResult> HandleAsync(Greeting payload, JobContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new JobResult("hello " + payload.Name));
        }
    }
}
