using System.Text.Json;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Callbacks;

/// <summary>Webhook callbacks through a real queue processor on Azurite, to a receiver on loopback.</summary>
[TestClass]
public sealed class CallbackDeliveryTests
{
    private const string Key = "test-signing-key";
    private static readonly CancellationToken None = CancellationToken.None;

    private static JobStorage Storage(WebhookReceiver receiver)
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        storage.Jobs.CallbackHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test");
        return storage;
    }

    private static QueueProcessorOptions Options(string queue, WebhookReceiver receiver, int maxAttempts = 5) => RunningProcessor.FastOptions(queue) with
    {
        Callbacks = new CallbackOptions
        {
            AllowedHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test"),
            SigningKey = Key,
            MaxAttempts = maxAttempts,
            RetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
            ResultUrl = status => "/results/" + status.JobId,
        },
    };

    [TestMethod]
    public async Task RunAsync_JobsWithCallbackUrl_OneSignedPostPerJobWithItsFinalStatus()
    {
        await using var receiver = WebhookReceiver.Start();
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var jobs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add((await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId);
        }

        await using (RunningProcessor.Start(storage, Options(queue, receiver), DelegateHandler.Sync("echo", context => new JobResult("r-" + context.JobId))))
        {
            foreach (var job in jobs)
            {
                var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);
                Assert.AreEqual(new CallbackState(CallbackOutcome.Delivered, 1, status.Callback!.CompletedAt, null), status.Callback);
            }
        }

        var received = receiver.Received.ToArray();
        Assert.HasCount(3, received);
        foreach (var callback in received)
        {
            Assert.AreEqual("/hook", callback.Path);
            Assert.IsTrue(CallbackSignature.Verify(Key, callback.Timestamp, callback.Signature, callback.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)), callback.ToString());
            Assert.IsFalse(CallbackSignature.Verify("another-key", callback.Timestamp, callback.Signature, callback.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));
        }

        var bodies = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToDictionary(b => b.GetProperty("jobId").GetString()!);
        CollectionAssert.AreEquivalent(jobs, bodies.Keys.ToList());
        var first = bodies[jobs[0]];
        Assert.AreEqual("Succeeded", first.GetProperty("state").GetString());
        Assert.AreEqual(100, first.GetProperty("progress").GetInt32());
        Assert.AreEqual("/results/" + jobs[0], first.GetProperty("resultUrl").GetString());
        Assert.AreEqual("echo", first.GetProperty("jobType").GetString());
    }

    [TestMethod]
    public async Task RunAsync_FailedJob_CallbackCarriesFailedAndError()
    {
        await using var receiver = WebhookReceiver.Start();
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "refuse", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;

        await using (RunningProcessor.Start(storage, Options(queue, receiver), DelegateHandler.Sync("refuse", _ => throw new JobFailedException("out of stock"))))
        {
            await Eventually.StatusAsync(storage, job, s => s.Callback is { Outcome: CallbackOutcome.Delivered });
        }

        var body = JsonDocument.Parse(receiver.Received.Single().Body).RootElement;
        Assert.AreEqual("Failed", body.GetProperty("state").GetString());
        StringAssert.Contains(body.GetProperty("error").GetString(), "out of stock");
    }

    [TestMethod]
    public async Task RunAsync_PoisonedJob_CallbackCarriesPoisoned()
    {
        await using var receiver = WebhookReceiver.Start();
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "reject", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;

        await using (RunningProcessor.Start(storage, Options(queue, receiver), DelegateHandler.Sync("reject", _ => throw new PoisonJobException("never valid"))))
        {
            await Eventually.StatusAsync(storage, job, s => s.Callback is { Outcome: CallbackOutcome.Delivered });
        }

        Assert.AreEqual("Poisoned", JsonDocument.Parse(receiver.Received.Single().Body).RootElement.GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task RunAsync_ReceiverAnswers500Twice_RetriedThenDelivered()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = n => n <= 2 ? 500 : 204;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;

        await using (RunningProcessor.Start(storage, Options(queue, receiver), DelegateHandler.Sync("echo", _ => JobResult.Success)))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);

            Assert.AreEqual(CallbackOutcome.Delivered, status.Callback!.Outcome);
            Assert.AreEqual(3, status.Callback.Attempts);
            Assert.IsNull(status.Callback.LastError);
        }

        var received = receiver.Received.ToArray();
        Assert.HasCount(3, received);
        Assert.IsTrue(received.All(r => r.Body == received[0].Body), "every attempt sends the same final status");
    }

    [TestMethod]
    public async Task RunAsync_ReceiverAlwaysFails_GaveUpAfterTheLimitWithDoublingWaitsRecorded()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = _ => 500;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;

        await using (RunningProcessor.Start(storage, Options(queue, receiver, maxAttempts: 3), DelegateHandler.Sync("echo", _ => JobResult.Success)))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);

            Assert.AreEqual(CallbackOutcome.GaveUp, status.Callback!.Outcome);
            Assert.AreEqual(3, status.Callback.Attempts);
            StringAssert.Contains(status.Callback.LastError, "500");
            Assert.AreEqual(JobState.Succeeded, status.State, "the job's own outcome is untouched");
        }

        var received = receiver.Received.ToArray();
        Assert.HasCount(3, received);

        // RetryDelay 100 ms, doubled: 100 ms before the second POST, 200 ms before the third (the receiver's clock
        // stamps each request after reading it, so a gap may look a little shorter than the wait).
        var gaps = new[] { received[1].ReceivedAt - received[0].ReceivedAt, received[2].ReceivedAt - received[1].ReceivedAt };
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(75), gaps[0], string.Join(", ", gaps));
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(175), gaps[1], string.Join(", ", gaps));
    }

    [TestMethod]
    public async Task RunAsync_ReceiverRedirects_NotFollowed()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = _ => 302;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;

        await using (RunningProcessor.Start(storage, Options(queue, receiver, maxAttempts: 2), DelegateHandler.Sync("echo", _ => JobResult.Success)))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);

            Assert.AreEqual(CallbackOutcome.GaveUp, status.Callback!.Outcome);
            StringAssert.Contains(status.Callback.LastError, "redirect");
        }

        Assert.IsTrue(receiver.Received.All(r => r.Path == "/hook"), "the redirect's target got no request");
    }

    [TestMethod]
    public async Task RunAsync_HostTakenOffTheAllowListAfterSubmit_NoRequestAndRefusedRecorded()
    {
        await using var receiver = WebhookReceiver.Start();
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;
        var options = Options(queue, receiver);
        options = options with { Callbacks = options.Callbacks! with { AllowedHosts = CallbackAllowList.Parse("partner.example.com", "test") } };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("echo", _ => JobResult.Success)))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);

            Assert.AreEqual(CallbackOutcome.Refused, status.Callback!.Outcome);
            Assert.AreEqual(0, status.Callback.Attempts);
            StringAssert.Contains(status.Callback.LastError, "not on the allowed hosts");
        }

        Assert.IsEmpty(receiver.Received);
    }

    [TestMethod]
    public async Task RunAsync_CancelledJob_CallbackCarriesCancelled()
    {
        await using var receiver = WebhookReceiver.Start();
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url(), Cancellable = true }, None)).JobId;
        Assert.AreEqual(JobCancellationOutcome.Cancelled, (await storage.Jobs.CancelAsync(job, None)).Outcome);
        var ran = false;

        await using (RunningProcessor.Start(storage, Options(queue, receiver), DelegateHandler.Sync("echo", _ =>
        {
            ran = true;
            return JobResult.Success;
        })))
        {
            await Eventually.StatusAsync(storage, job, s => s.Callback is not null);
        }

        Assert.IsFalse(ran);
        Assert.AreEqual("Cancelled", JsonDocument.Parse(receiver.Received.Single().Body).RootElement.GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task SubmitAsync_HostNotOnTheAllowList_ArgumentExceptionNamingCallbackUrlAndNothingQueued()
    {
        await using var receiver = WebhookReceiver.Start();
        var storage = Storage(receiver);
        var queue = Names.Queue();

        var error = await Assert.ThrowsExactlyAsync<ArgumentException>(() =>
            storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = new Uri("http://169.254.169.254/latest") }, None));

        StringAssert.Contains(error.Message, "SubmitOptions.CallbackUrl");
        StringAssert.Contains(error.Message, "169.254.169.254");
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None) ?? 0, "nothing queued (the queue is not even created)");
    }

    [TestMethod]
    public async Task SubmitAsync_CallbacksOff_ArgumentException()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);

        var error = await Assert.ThrowsExactlyAsync<ArgumentException>(() =>
            storage.Jobs.SubmitAsync(Names.Queue(), "echo", "{}", new SubmitOptions { CallbackUrl = new Uri("https://partner.example.com/hook") }, None));

        StringAssert.Contains(error.Message, "callbacks are off");
    }
}
