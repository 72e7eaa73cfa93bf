namespace BackgroundRoles.Jobs.Tests;

[TestClass]
public sealed class QueueProcessorOptionsTests
{
    [TestMethod]
    public void Defaults_MatchJobDefaults()
    {
        var options = new QueueProcessorOptions();

        Assert.AreEqual(32, options.BatchSize);
        Assert.AreEqual(16, options.MaxConcurrency);
        Assert.AreEqual(TimeSpan.FromMilliseconds(100), options.MinPollingInterval);
        Assert.AreEqual(TimeSpan.FromSeconds(10), options.MaxPollingInterval);
        Assert.AreEqual(TimeSpan.FromSeconds(30), options.VisibilityTimeout);
        Assert.AreEqual(5, options.MaxDequeueCount);
        Assert.AreEqual(TimeSpan.FromSeconds(5), options.RetryDelay);
        Assert.AreEqual(TimeSpan.FromMinutes(5), options.MaxRetryDelay);
        Assert.AreEqual(TimeSpan.FromSeconds(22.5), options.DrainTimeout);
        Assert.AreEqual(TimeSpan.FromSeconds(3), options.ReleaseTimeout);
        Assert.AreEqual(TimeSpan.FromSeconds(1.5), options.HandlerGrace);
        Assert.AreEqual(TimeSpan.FromSeconds(30), options.DiscoveryInterval);
        Assert.AreEqual("queue-processor", options.Name);
    }

    [TestMethod]
    public void RetryDelayFor_GrowingDequeueCount_DoublesUpToCap()
    {
        var options = new QueueProcessorOptions();

        Assert.AreEqual(TimeSpan.FromSeconds(5), options.RetryDelayFor(1));
        Assert.AreEqual(TimeSpan.FromSeconds(10), options.RetryDelayFor(2));
        Assert.AreEqual(TimeSpan.FromSeconds(20), options.RetryDelayFor(3));
        Assert.AreEqual(TimeSpan.FromMinutes(5), options.RetryDelayFor(10));
        Assert.AreEqual(TimeSpan.FromMinutes(5), options.RetryDelayFor(int.MaxValue));
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(33)]
    public void Validate_BatchSizeOutOfRange_Throws(int batchSize)
    {
        Assert.ThrowsExactly<ArgumentException>(() => new QueueProcessorOptions { Queues = ["abc"], BatchSize = batchSize }.Validate());
    }

    [TestMethod]
    public void Validate_NegativePrefetchCount_ThrowsNamingIt()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new QueueProcessorOptions { Queues = ["abc"], PrefetchCount = -1 }.Validate());
        StringAssert.Contains(error.Message, nameof(QueueProcessorOptions.PrefetchCount));
    }

    [TestMethod]
    public void Validate_NegativeRunningStatusDelay_Throws()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new QueueProcessorOptions { Queues = ["abc"], RunningStatusDelay = TimeSpan.FromSeconds(-1) }.Validate());
        StringAssert.Contains(error.Message, nameof(QueueProcessorOptions.RunningStatusDelay));
    }

    [TestMethod]
    public void Validate_NoQueuesNoPrefix_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new QueueProcessorOptions().Validate());
    }

    [TestMethod]
    public void Validate_QueueNameWhosePoisonQueueIsTooLong_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new QueueProcessorOptions { Queues = [new string('a', 60)] }.Validate());
    }

    [TestMethod]
    public void WithStopStages_FiveMinuteBudget_DrainReleaseAndGraceAreTheStages()
    {
        var stages = Supervision.StopStages.FromBudget(TimeSpan.FromMinutes(5));

        var options = new QueueProcessorOptions { Queues = ["abc"], MaxConcurrency = 3 }.WithStopStages(stages);

        Assert.AreEqual(stages.Drain, options.DrainTimeout);
        Assert.AreEqual(stages.Release, options.ReleaseTimeout);
        Assert.AreEqual(stages.HandlerGrace, options.HandlerGrace);
        Assert.AreEqual(3, options.MaxConcurrency, "the other options are kept");
        Assert.AreEqual(stages.TaskGrace, options.DrainTimeout + options.ReleaseTimeout + options.HandlerGrace, "the processor's stop fits the supervisor's wait");
    }
}
