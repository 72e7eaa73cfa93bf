using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Composition;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.Composition;

/// <summary>The kit adds the callback sweep to a role whose queues have callbacks, and to no other.</summary>
[TestClass]
public sealed class CallbackSweepRegistrationTests
{
    private static readonly CallbackOptions On = new() { AllowedHosts = CallbackAllowList.Parse("127.0.0.1", "test"), SigningKey = "k" };

    [TestMethod]
    public void AddQueueHandlers_OneOfTwoQueuesWithCallbacks_OneSweepTask()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance);

        kit.AddQueueHandlers(JobStorage.Create(TestAzurite.ConnectionString), queues => queues
            .Handle("with-hooks", Echo())
            .Handle("without", Echo())
            .Configure("with-hooks", options => options with { Callbacks = On }));

        CollectionAssert.AreEqual(new[] { "with-hooks", "without", JobDefaults.CallbackSweepTaskName }, kit.Supervisor.GetHealth().Select(task => task.Name).ToArray());
    }

    [TestMethod]
    public void AddQueueHandlers_NoQueueWithCallbacks_NoSweepTask()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance);

        kit.AddQueueHandlers(JobStorage.Create(TestAzurite.ConnectionString), queues => queues
            .Handle("plain", Echo())
            .Configure("plain", options => options with { Callbacks = new CallbackOptions() }));

        CollectionAssert.AreEqual(new[] { "plain" }, kit.Supervisor.GetHealth().Select(task => task.Name).ToArray());
    }

    [TestMethod]
    public void AddQueueHandlers_DeclaredTwiceWithCallbacks_SweepsNamedApart()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance);
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        kit.AddQueueHandlers(storage, queues => queues.Handle("first", Echo()).Configure("first", options => options with { Callbacks = On }));
        kit.AddQueueHandlers(storage, queues => queues.Handle("second", Echo()).Configure("second", options => options with { Callbacks = On }));

        CollectionAssert.AreEqual(
            new[] { "first", JobDefaults.CallbackSweepTaskName, "second", JobDefaults.CallbackSweepTaskName + "-2" },
            kit.Supervisor.GetHealth().Select(task => task.Name).ToArray());
    }

    private static DelegateHandler Echo() => DelegateHandler.Sync("echo", _ => JobResult.Success);
}
