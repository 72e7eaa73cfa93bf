using System.Diagnostics;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.WorkerRole.Tests;

/// <summary>A graceful stop of the real WorkerRole, hosted by the real CLI, while a handler is still at work.</summary>
[TestClass]
public sealed class WorkerRoleStopTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task Host_SigtermWhileOrderHandlerOutlivesDrain_MessageVisibleAtOnceAndStatusQueued()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var submission = await storage.Jobs.SubmitAsync(
            JobQueues.Orders, JobTypes.Order, """{"customerEmail":"ada@example.com","items":[{"sku":"sku-apple","quantity":1,"unitPrice":0.50}]}""", null, None);

        // Another worker holds the order's first step for ten minutes, so the handler waits for it (RunOnceAsync)
        // and is still at work when the stop comes, however long the drain.
        const string step = "reserve:sku-apple";
        var effects = Table(JobDefaults.EffectsTable);
        await HoldStepAsync(effects, submission.JobId, step, TimeSpan.FromMinutes(10));
        try
        {
            // A 10 s stop budget: the stages give the handler a 7.5 s drain, then 1 s to release what it holds.
            using var service = new ServiceCopy(new Dictionary<string, string>
            {
                ["StorageConnectionString"] = TestAzurite.ConnectionString,
                ["BackgroundRoles.StopBudget"] = "10",
            });
            using var cli = service.Host("WorkerRole");
            var running = await WaitForStatusAsync(storage, submission.JobId, JobState.Running, cli);

            var watch = Stopwatch.StartNew();
            cli.Signal("TERM");
            Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
            var stopTook = watch.Elapsed;
            var visible = (await Queue(JobQueues.Orders).GetMessagesAsync(32, TimeSpan.FromMinutes(1), null, null))
                .Where(message => message.AsString.Contains(submission.JobId, StringComparison.Ordinal))
                .ToList();
            var status = await storage.Statuses.GetAsync(submission.JobId, None);

            Assert.AreEqual(1, running.Attempts);
            Assert.HasCount(1, visible, "the message is visible as soon as the process has exited, not after its 30 s visibility timeout: " + cli.Output);
            Assert.AreEqual(JobState.Queued, status!.State, cli.Output);
            Assert.AreEqual(1, status.Attempts, "the attempt is recorded");
            StringAssert.Contains(status.Error, "attempt 1");
            Assert.IsLessThan(TimeSpan.FromSeconds(10), stopTook, "within the stop budget: " + cli.Output);
            Assert.IsTrue(cli.Lines.Any(line => line.Contains("Drained: 8 tasks finished, 0 did not", StringComparison.Ordinal)), cli.Output);
            await Queue(JobQueues.Orders).DeleteMessageAsync(visible[0]);
        }
        finally
        {
            await effects.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(submission.JobId, step) { ETag = "*" }));
        }
    }

    /// <summary>What another worker leaves while it runs a step: a Started record whose lease has not ended.</summary>
    private static async Task HoldStepAsync(CloudTable effects, string jobId, string step, TimeSpan lease)
    {
        var now = DateTimeOffset.UtcNow;
        var record = new JObject { ["state"] = "Started", ["owner"] = "another-worker", ["leaseUntil"] = now + lease, ["updatedAt"] = now };
        var entity = new DynamicTableEntity(jobId, step) { Properties = { ["Json"] = new EntityProperty(record.ToString(Newtonsoft.Json.Formatting.None)) } };
        await effects.CreateIfNotExistsAsync();
        await effects.ExecuteAsync(TableOperation.InsertOrReplace(entity));
    }

    private static async Task<JobStatus> WaitForStatusAsync(JobStorage storage, string jobId, JobState state, CliProcess cli)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await storage.Statuses.GetAsync(jobId, None) is { } status && status.State == state)
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Job {jobId} never was {state}: {cli.Output}");
    }

    private static CloudTable Table(string name)
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        return account!.CreateCloudTableClient().GetTableReference(name);
    }

    private static CloudQueue Queue(string name)
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        return account!.CreateCloudQueueClient().GetQueueReference(name);
    }
}
