using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Pipeline;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Jobs.Tests.Pipeline;

[TestClass]
public sealed class MessagePipelineTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static JobStorage Storage() => JobStorage.Create(TestAzurite.ConnectionString);

    [TestMethod]
    public async Task ConfigurePipeline_OwnPoisonStep_ReplacesPoisonQueue()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var deadLetters = Names.Queue("d");
        var ownStep = new DeadLetterStep(storage, deadLetters);
        var submission = await storage.Jobs.SubmitAsync(queue, "charge", """{"amount":-1}""", null, None);
        var options = RunningProcessor.FastOptions(queue) with
        {
            ConfigurePipeline = pipeline => pipeline.Replace(MessageStepNames.Poison, ownStep),
        };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("charge", _ => throw new PoisonJobException("a negative amount"))))
        {
            var status = await Eventually.FinalAsync(storage, submission.JobId);
            var dead = await Eventually.GetAsync(() => RawQueues.TakeAllAsync(deadLetters), messages => messages.Count > 0, "the role's dead letter");

            Assert.AreEqual(JobState.Poisoned, status.State);
            StringAssert.Contains(status.Error, "a negative amount");
            Assert.AreEqual($"{submission.JobId} Rejected 1 {queue}", dead.Single().AsString);
            Assert.AreEqual(1, ownStep.Seen.Count);
        }

        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue + "-poison", None));
    }

    [TestMethod]
    public async Task ConfigurePipeline_StepBeforeHandler_EndsJobWithoutRunningHandler()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var handlerRuns = 0;
        var refused = await storage.Jobs.SubmitAsync(queue, "work", """{"tenant":"blocked"}""", null, None);
        var allowed = await storage.Jobs.SubmitAsync(queue, "work", """{"tenant":"ok"}""", null, None);
        var options = RunningProcessor.FastOptions(queue) with
        {
            ConfigurePipeline = pipeline => pipeline.InsertBefore(MessageStepNames.Handler, "tenant-check", new TenantCheckStep()),
        };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("work", _ =>
        {
            Interlocked.Increment(ref handlerRuns);
            return JobResult.Success;
        })))
        {
            var refusedStatus = await Eventually.FinalAsync(storage, refused.JobId);
            var allowedStatus = await Eventually.FinalAsync(storage, allowed.JobId);

            Assert.AreEqual(JobState.Failed, refusedStatus.State);
            Assert.AreEqual("tenant blocked", refusedStatus.Error);
            Assert.AreEqual(JobState.Succeeded, allowedStatus.State);
            Assert.AreEqual(1, handlerRuns);
        }
    }

    [TestMethod]
    public void CreateProcessor_UnknownStepName_ThrowsNamingIt()
    {
        var options = RunningProcessor.FastOptions(Names.Queue()) with
        {
            ConfigurePipeline = pipeline => pipeline.Replace("poison-queue", new TenantCheckStep()),
        };

        var error = Assert.ThrowsExactly<ArgumentException>(() => Storage().CreateProcessor(options, [], NullLoggerFactory.Instance));

        StringAssert.Contains(error.Message, "'poison-queue'");
        StringAssert.Contains(error.Message, MessageStepNames.Poison);
    }

    [TestMethod]
    public void ConfigurePipeline_Defaults_InTheirOrder()
    {
        IReadOnlyList<string>? intake = null;
        IReadOnlyList<string>? completion = null;
        var options = RunningProcessor.FastOptions(Names.Queue()) with
        {
            ConfigurePipeline = pipeline => (intake, completion) = (pipeline.IntakeSteps, pipeline.CompletionSteps),
        };

        Storage().CreateProcessor(options, [], NullLoggerFactory.Instance);

        CollectionAssert.AreEqual(new[] { "decode", "duplicate", "ordering", "claim-check", "handler" }, intake!.ToArray());
        CollectionAssert.AreEqual(new[] { "ordering-record", "poison", "status", "reply", "callback", "settle" }, completion!.ToArray());
    }

    /// <summary>A role's own poison handling: one line per poisoned job into a queue of its own.</summary>
    private sealed class DeadLetterStep(JobStorage storage, string queue) : IMessageStep
    {
        public ConcurrentQueue<MessageOutcome> Seen { get; } = new();

        public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
        {
            if (message.Outcome is not { Kind: MessageOutcomeKind.Poisoned } outcome)
            {
                return;
            }

            Seen.Enqueue(outcome);
            await storage.EnsureQueueAsync(queue, cancellationToken);
            await RawQueues.AddAsync(queue, $"{message.JobId} {outcome.PoisonReason} {message.DequeueCount} {message.QueueName}");
        }
    }

    /// <summary>A role's own intake check: a blocked tenant's job ends Failed before its handler runs.</summary>
    private sealed class TenantCheckStep : IMessageStep
    {
        public Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
        {
            if (message.Payload?.Contains("blocked", StringComparison.Ordinal) == true)
            {
                message.Outcome = MessageOutcome.Failed("tenant blocked");
            }

            return Task.CompletedTask;
        }
    }
}
