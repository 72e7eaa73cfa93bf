using System.Text.Json;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Callbacks;

/// <summary>
/// Webhook callbacks at least once: a processor stopped before it could deliver leaves its callback row, and another
/// role's sweep (added by the kit) delivers it, on a real Azurite to a receiver on loopback.
/// </summary>
[TestClass]
public sealed partial class CallbackSweepTests
{
    private const string Key = "test-signing-key";
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task Sweep_ProcessorStoppedAfterARefusedAttempt_SecondRolesSweepDeliversWithTheSameDeliveryId()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = n => n == 1 ? 503 : 204;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = await SubmitAsync(storage, queue, receiver);

        // The first processor's retry is 3 s away when it stops: without the row and a sweep, the callback is lost.
        var first = RunningProcessor.Start(storage, Options(queue, receiver, retryDelay: TimeSpan.FromSeconds(3)), Echo());
        await Eventually.GetAsync(() => RowAsync(storage, queue, job), row => row?.Attempts == 1, "the row to record the refused attempt");
        await first.DisposeAsync();
        Assert.AreEqual(1, receiver.Count, "the stopped processor sent no more");
        Assert.IsNull((await storage.Statuses.GetAsync(job, None))!.Callback);

        await using (RunningKit.Start(storage, queue, Echo(), options => Fast(options, receiver)))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);

            Assert.AreEqual(CallbackOutcome.Delivered, status.Callback!.Outcome);
            Assert.AreEqual(2, status.Callback.Attempts, "the sweep counts on from the row's attempts");
            Assert.IsNull(await RowAsync(storage, queue, job), "the row is removed once the outcome is recorded");
        }

        var received = receiver.Received.ToArray();
        Assert.HasCount(2, received);
        Assert.IsTrue(received.All(r => r.DeliveryId == job), string.Join(", ", received.Select(r => r.DeliveryId)));
        Assert.AreEqual(received[0].Body, received[1].Body, "the sweep sends the same final status");
        Assert.AreEqual("Succeeded", JsonDocument.Parse(received[1].Body).RootElement.GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task Sweep_AttemptsSplitBetweenTwoSenders_GivenUpAfterExactlyMaxAttemptsInAll()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = _ => 500;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = await SubmitAsync(storage, queue, receiver);

        // 1 s after the first failure, 2 s after the second: the processor stops while it waits for its third attempt.
        var first = RunningProcessor.Start(storage, Options(queue, receiver, retryDelay: TimeSpan.FromSeconds(1), maxAttempts: 3), Echo());
        await Eventually.GetAsync(() => RowAsync(storage, queue, job), row => row?.Attempts == 2, "two failed attempts in the row");
        await first.DisposeAsync();

        await using (RunningKit.Start(storage, queue, Echo(), options => Fast(options, receiver, maxAttempts: 3)))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);

            Assert.AreEqual(CallbackOutcome.GaveUp, status.Callback!.Outcome);
            Assert.AreEqual(3, status.Callback.Attempts);
            StringAssert.Contains(status.Callback.LastError, "500");
            Assert.IsNull(await RowAsync(storage, queue, job), "nothing is left for a later sweep to send again");
        }

        Assert.AreEqual(3, receiver.CountFor(job), "three POSTs in all, two by the first sender and one by the sweep");
    }

    [TestMethod]
    public async Task Sweep_TwoRolesSweepTheSameRows_EachCallbackSentByOneOfThemOnly()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = _ => 500;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var jobs = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            jobs.Add(await SubmitAsync(storage, queue, receiver));
        }

        var first = RunningProcessor.Start(storage, Options(queue, receiver, retryDelay: TimeSpan.FromSeconds(2)), Echo());
        foreach (var job in jobs)
        {
            await Eventually.GetAsync(() => RowAsync(storage, queue, job), row => row?.Attempts >= 1, "a refused attempt in the row of " + job);
        }

        await first.DisposeAsync();
        receiver.Respond = _ => 204;

        // Slow answers: a second sender of the same row would be seen overlapping the first.
        receiver.AnswerDelay = TimeSpan.FromMilliseconds(300);
        await using (RunningKit.Start(storage, queue, Echo(), options => Fast(options, receiver)))
        await using (RunningKit.Start(storage, queue, Echo(), options => Fast(options, receiver)))
        {
            foreach (var job in jobs)
            {
                var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);
                Assert.AreEqual(CallbackOutcome.Delivered, status.Callback!.Outcome);
                Assert.IsNull(await RowAsync(storage, queue, job));
            }
        }

        foreach (var job in jobs)
        {
            Assert.AreEqual(1, receiver.AcceptedFor(job), "one delivery by one of the two sweeps: " + job);
        }

        Assert.AreEqual(1, receiver.MaxOpenPerDelivery, "no two senders had the same callback open at once");
    }

    [TestMethod]
    public async Task RunAsync_JobWithCallback_EveryAttemptCarriesTheJobIdAsDeliveryId()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = n => n == 1 ? 500 : 204;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = await SubmitAsync(storage, queue, receiver);

        await using (RunningProcessor.Start(storage, Options(queue, receiver, retryDelay: TimeSpan.FromMilliseconds(100)), Echo()))
        {
            await Eventually.StatusAsync(storage, job, s => s.Callback is { Outcome: CallbackOutcome.Delivered });
        }

        CollectionAssert.AreEqual(new[] { job, job }, receiver.Received.Select(r => r.DeliveryId).ToArray());
    }

    private static JobStorage Storage(WebhookReceiver receiver)
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        storage.Jobs.CallbackHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test");
        return storage;
    }

    private static async Task<string> SubmitAsync(JobStorage storage, string queue, WebhookReceiver receiver) =>
        (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;

    private static IJobHandler Echo() => DelegateHandler.Sync("echo", _ => JobResult.Success);

    private static CallbackOptions Callbacks(WebhookReceiver receiver, TimeSpan retryDelay, int maxAttempts) => new()
    {
        AllowedHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test"),
        SigningKey = Key,
        MaxAttempts = maxAttempts,
        RetryDelay = retryDelay,
        MaxRetryDelay = retryDelay * 4,
        AttemptTimeout = TimeSpan.FromSeconds(5),
        SweepInterval = TimeSpan.FromMilliseconds(100),
    };

    private static QueueProcessorOptions Options(string queue, WebhookReceiver receiver, TimeSpan retryDelay, int maxAttempts = 5) =>
        RunningProcessor.FastOptions(queue) with { Callbacks = Callbacks(receiver, retryDelay, maxAttempts) };

    /// <summary>The kit's processor options made fast, with callbacks whose retries are quick.</summary>
    private static QueueProcessorOptions Fast(QueueProcessorOptions options, WebhookReceiver receiver, int maxAttempts = 5) => options with
    {
        MinPollingInterval = TimeSpan.FromMilliseconds(50),
        MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        Callbacks = Callbacks(receiver, TimeSpan.FromMilliseconds(100), maxAttempts),
    };

    /// <summary>The job's callback row as storage holds it, read through the library's public document table.</summary>
    private static async Task<CallbackRow?> RowAsync(JobStorage storage, string queue, string jobId) =>
        (await storage.Table<CallbackRow>(JobDefaults.CallbackTable).GetAsync(queue, jobId, None))?.Value;

    /// <summary>The fields of a callback row the tests look at.</summary>
    private sealed record CallbackRow(string JobId, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset ClaimedUntil, string? LastError);
}
