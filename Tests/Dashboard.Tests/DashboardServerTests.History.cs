using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>A job's history from a status record written before records named their queue.</summary>
public sealed partial class DashboardServerTests
{
    [TestMethod]
    public async Task Job_QueuedRecordWithoutQueue_HistoryLooksInTheQueuesThatHoldMessages()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = "history-" + Guid.NewGuid().ToString("N")[..12];
        var other = queue + "-other";
        var job = (await storage.Jobs.SubmitAsync(queue, "history-older", "{}", null, CancellationToken.None)).JobId;
        await storage.Jobs.SubmitAsync(other, "history-older", "{}", null, CancellationToken.None);
        await RemoveQueueFromRecordAsync(job);
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();

        var answer = await client.GetFromJsonAsync<JsonElement>($"api/jobs/{job}");

        Assert.IsFalse(answer.GetProperty("status").TryGetProperty("queue", out var named) && named.ValueKind != JsonValueKind.Null, "the record names no queue");
        var history = answer.GetProperty("history");
        Assert.AreEqual(queue, history.GetProperty("messages").EnumerateArray().Single().GetProperty("queue").GetString());
        var lookedIn = history.GetProperty("lookedIn").EnumerateArray().Select(q => q.GetString()!).ToList();
        CollectionAssert.IsSubsetOf(new[] { queue, other }, lookedIn, "without a named queue every queue that holds messages is looked at: " + string.Join(", ", lookedIn));
        Assert.IsFalse(lookedIn.Any(q => q.EndsWith("-poison", StringComparison.Ordinal)), "a queued job is not looked for in poison queues: " + string.Join(", ", lookedIn));
    }

    /// <summary>Leaves the job's record as a version before the queue was kept wrote it.</summary>
    private static async Task RemoveQueueFromRecordAsync(string jobId)
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        var table = account!.CreateCloudTableClient().GetTableReference(JobDefaults.StatusTable);
        var (partition, row) = JobStatusStore.LocationOf(jobId);
        var entity = (DynamicTableEntity)(await table.ExecuteAsync(TableOperation.Retrieve(partition, row))).Result;
        var json = JsonNode.Parse(entity.Properties["Json"].StringValue)!.AsObject();
        Assert.IsTrue(json.Remove("queue"), "the record as written names the queue: " + json.ToJsonString());
        entity.Properties["Json"] = new EntityProperty(json.ToJsonString());
        await table.ExecuteAsync(TableOperation.Replace(entity));
    }
}
