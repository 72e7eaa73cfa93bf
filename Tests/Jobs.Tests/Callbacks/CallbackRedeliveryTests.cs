using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Pipeline;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Callbacks;

/// <summary>A worker that died between the final status record and the callback row: the redelivery writes the row and delivers.</summary>
[TestClass]
public sealed class CallbackRedeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task RunAsync_WorkerDiedAfterTheFinalRecord_RedeliveryDeliversTheCallbackOnce()
    {
        await using var receiver = WebhookReceiver.Start();
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        storage.Jobs.CallbackHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test");
        var queue = Names.Queue();
        var job = (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, None)).JobId;
        var options = RunningProcessor.FastOptions(queue) with
        {
            Callbacks = new CallbackOptions { AllowedHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test"), SigningKey = "test-signing-key" },
        };
        var ran = 0;
        var handler = DelegateHandler.Sync("echo", _ =>
        {
            Interlocked.Increment(ref ran);
            return JobResult.Success;
        });

        // The first worker "dies" after its final record: no callback row, and its message is never deleted.
        var dying = options with { ConfigurePipeline = pipeline => pipeline.Remove(MessageStepNames.Callback).Replace(MessageStepNames.Settle, new NoDelete()) };
        await using (RunningProcessor.Start(storage, dying, handler))
        {
            await Eventually.FinalAsync(storage, job);
        }

        Assert.AreEqual(0, receiver.Count);
        await using (RunningProcessor.Start(storage, options, handler))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);
            Assert.AreEqual(CallbackOutcome.Delivered, status.Callback!.Outcome);
            await Eventually.GetAsync(() => storage.GetApproximateQueueDepthAsync(queue, None), depth => depth == 0, "the message deleted");
        }

        Assert.AreEqual(1, receiver.CountFor(job));
        Assert.AreEqual(1, Volatile.Read(ref ran), "the redelivery does not run the handler again");
    }

    /// <summary>A settle step that leaves the message where it is, as a worker that died before the delete would.</summary>
    private sealed class NoDelete : IMessageStep
    {
        public Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
