using System.Collections.Concurrent;
using BackgroundRoles.Jobs.Tests.TestSupport;
using Microsoft.WindowsAzure.Storage.Queue;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>Every message ends somewhere: processed, or in the poison queue with its reason, within MaxDequeueCount deliveries.</summary>
public sealed partial class QueueProcessorTests
{
    private static readonly PoisonReason[] AtOnceReasons =
        [PoisonReason.Undecodable, PoisonReason.NotAJobMessage, PoisonReason.InvalidJobId, PoisonReason.UnknownJobType, PoisonReason.MissingPayload];

    [TestMethod]
    public async Task RunAsync_GeneratedBadMessages_EachProcessedOrPoisonedWithReasonWithinMaxDequeueCount()
    {
        var seed = Random.Shared.Next();
        var storage = Storage();
        var queue = Names.Queue();
        await storage.EnsureQueueAsync(queue, None);
        var bad = new BadMessages(seed).Generate(randomEach: 6);
        var raw = RawQueues.Queue(queue);
        raw.EncodeMessage = false;
        foreach (var message in bad)
        {
            await raw.AddMessageAsync(new CloudQueueMessage(message.WireText));
        }

        var good = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            good.Add((await storage.Jobs.SubmitAsync(queue, BadMessages.KnownType, "{}", null, None)).JobId);
        }

        var processed = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var options = RunningProcessor.FastOptions(queue) with { MaxDequeueCount = 3 };
        var logs = new ListLoggerFactory();
        var poison = new Dictionary<string, JObject>(StringComparer.Ordinal);
        var expectedPoisoned = bad.Count(message => message.Outcome != BadOutcome.Processed);
        var context = $"seed {seed}";
        await using (RunningProcessor.Start(storage, options, [DelegateHandler.Sync(BadMessages.KnownType, job =>
        {
            processed.AddOrUpdate(job.JobId, 1, (_, count) => count + 1);
            return JobResult.Success;
        })], loggerFactory: logs))
        {
            // Whatever has come by the deadline is judged below, message by message, so a failure names the message.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (poison.Count < expectedPoisoned && DateTime.UtcNow < deadline)
            {
                foreach (var message in await RawQueues.TakeAllAsync(queue + "-poison"))
                {
                    poison[message.Id] = JObject.Parse(message.AsString);
                }

                await Task.Delay(100);
            }

            foreach (var jobId in good.Concat(bad.Where(message => message.Outcome == BadOutcome.Processed).Select(message => message.JobId!)))
            {
                var status = await Eventually.FinalAsync(storage, jobId);
                Assert.AreEqual(JobState.Succeeded, status.State, $"{jobId} ({context})");
            }
        }

        var records = poison.Values.ToLookup(record => (string?)record["original"] ?? string.Empty, StringComparer.Ordinal);
        foreach (var message in bad)
        {
            var found = records[message.RecordedText].ToArray();
            if (message.Outcome == BadOutcome.Processed)
            {
                Assert.IsEmpty(found, $"{message} was processed, not poisoned ({context})");
                Assert.AreEqual(1, processed[message.JobId!], $"{message} ({context})");
                continue;
            }

            Assert.HasCount(1, found, $"{message} has one poison record ({context})\n{logs}");
            var record = found[0];
            var reason = Enum.Parse<PoisonReason>((string)record["reason"]!);
            var attempts = (int)record["attempts"]!;
            Assert.IsFalse(string.IsNullOrWhiteSpace((string?)record["error"]?["message"]), $"{message}: the record says what was wrong ({context})");
            if (message.Outcome == BadOutcome.PoisonedAtOnce)
            {
                Assert.AreEqual(1, attempts, $"{message} is poisoned on its first delivery ({context})");
                CollectionAssert.Contains(AtOnceReasons, reason, $"{message} ({context})");
                if (message.Reason is { } expected && message.Kind is not ("random text" or "base64 of random text"))
                {
                    Assert.AreEqual(expected, reason, $"{message} ({context})");
                }
            }
            else
            {
                Assert.IsLessThanOrEqualTo(options.MaxDequeueCount, attempts, $"{message} ({context})");
                if (message.Reason is { } expected)
                {
                    Assert.AreEqual(expected, reason, $"{message} ({context})");
                }
            }
        }

        Assert.HasCount(expectedPoisoned, poison, $"no other poison record ({context})");
        Assert.IsTrue(good.All(jobId => processed.TryGetValue(jobId, out var runs) && runs == 1), context);
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None), $"nothing is left on the queue ({context})");
    }

    [TestMethod]
    public async Task RunAsync_InvalidJobIdWithKnownType_PoisonedAtOnceNamingTheReason()
    {
        var storage = Storage();
        var queue = Names.Queue();
        await storage.EnsureQueueAsync(queue, None);
        await RawQueues.AddAsync(queue, """{"jobId":"orders/42","jobType":"echo","payload":"{}"}""");
        var runs = new Counter();

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("echo", context =>
        {
            runs.Increment(context.JobId);
            return JobResult.Success;
        })))
        {
            var poison = await Eventually.GetAsync(() => RawQueues.TakeAllAsync(queue + "-poison"), messages => messages.Count > 0, "the poison message");

            var record = JObject.Parse(poison.Single().AsString);
            Assert.AreEqual("InvalidJobId", (string?)record["reason"]);
            Assert.AreEqual("orders/42", (string?)record["jobId"]);
            Assert.AreEqual(1, (int?)record["attempts"]);
            StringAssert.Contains((string?)record["error"]!["message"], "table key");
        }

        Assert.AreEqual(0, runs["orders/42"]);
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
    }

    [TestMethod]
    public async Task RunAsync_MessageNotBase64_PoisonedAtOnceWithTheTextAsItWas()
    {
        var storage = Storage();
        var queue = Names.Queue();
        await storage.EnsureQueueAsync(queue, None);
        var raw = RawQueues.Queue(queue);
        raw.EncodeMessage = false;
        await raw.AddMessageAsync(new CloudQueueMessage("{\"jobId\":\"plain-json\"}"));

        await using (RunningProcessor.Start(storage, RunningProcessor.FastOptions(queue), DelegateHandler.Sync("echo", _ => JobResult.Success)))
        {
            var poison = await Eventually.GetAsync(() => RawQueues.TakeAllAsync(queue + "-poison"), messages => messages.Count > 0, "the poison message");

            var record = JObject.Parse(poison.Single().AsString);
            Assert.AreEqual("Undecodable", (string?)record["reason"]);
            Assert.AreEqual("{\"jobId\":\"plain-json\"}", (string?)record["original"]);
            StringAssert.Contains((string?)record["error"]!["message"], "not base64");
        }
    }

    [TestMethod]
    public async Task RunAsync_StatusRecordUnreadable_PoisonedAtMaxDequeueCountNotRetriedForever()
    {
        var storage = Storage();
        var queue = Names.Queue();
        var runs = new Counter();
        var submission = await storage.Jobs.SubmitAsync(queue, "echo", "{}", null, None);
        var (partition, rowKey) = JobStatusStore.LocationOf(submission.JobId);
        await RawTables.PutJsonAsync(JobDefaults.StatusTable, partition, rowKey, "{written by someone else");

        // Running written before the handler, so every attempt reads the record first (a quick job's first attempt
        // reads nothing: its final record replaces whatever was there).
        var options = RunningProcessor.FastOptions(queue) with { MaxDequeueCount = 3, RunningStatusDelay = TimeSpan.Zero };

        await using (RunningProcessor.Start(storage, options, DelegateHandler.Sync("echo", context =>
        {
            runs.Increment(context.JobId);
            return JobResult.Success;
        })))
        {
            var poison = await Eventually.GetAsync(() => RawQueues.TakeAllAsync(queue + "-poison"), messages => messages.Count > 0, "the poison message");

            var record = JObject.Parse(poison.Single().AsString);
            Assert.AreEqual("TooManyAttempts", (string?)record["reason"]);
            Assert.AreEqual(3, (int?)record["attempts"]);
            Assert.AreEqual(submission.JobId, (string?)record["jobId"]);
            StringAssert.Contains((string?)record["error"]!["type"], "Json");
        }

        Assert.AreEqual(0, runs[submission.JobId], "the handler never ran");
        Assert.AreEqual(0, await storage.GetApproximateQueueDepthAsync(queue, None));
        Assert.AreEqual(1, await storage.GetApproximateQueueDepthAsync(queue + "-poison", None), "one poison record: the one taken above");
    }
}
