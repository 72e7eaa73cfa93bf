using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Dashboard.Tests.Support;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Dashboard.Tests;

/// <summary>
/// The dashboard server over HTTP without a browser (these run where chromium is missing too): the session and its
/// refusals, the anti-forgery token, the log tail's bounded chunks, the storage pages without an account, a task's
/// stack and the uptime, and a job's history over the test Azurite.
/// </summary>
[TestClass]
public sealed partial class DashboardServerTests
{
    private const string Token = "0123456789ABCDEF0123456789ABCDEF";

    [TestMethod]
    public async Task Login_WithTheToken_GivesAnHttpOnlyStrictCookieAndDropsTheToken()
    {
        await using var server = await StartAsync(out var source);
        using var owned = source;
        using var client = Client(server);

        using var wrong = await client.GetAsync("login?token=not-it");
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var refused = await client.GetAsync("api/overview");
        Assert.AreEqual(HttpStatusCode.Unauthorized, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "login link");

        using var login = await client.GetAsync(server.LoginUrl);
        Assert.AreEqual(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.AreEqual("/", login.Headers.Location!.ToString(), "sent on without the token");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardDefaults.SessionCookie + "=", StringComparison.Ordinal));
        StringAssert.Contains(cookie, "httponly");
        StringAssert.Contains(cookie, "samesite=strict");
        Assert.DoesNotContain(Token, cookie, "the cookie is a session value of its own, not the token");

        var overview = await client.GetFromJsonAsync<JsonElement>("api/overview");
        Assert.AreEqual("Ready", overview.GetProperty("deployments")[0].GetProperty("roles")[0].GetProperty("instances")[0].GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task Post_WithoutAntiforgeryOrFromAnotherOrigin_IsRefused()
    {
        await using var server = await StartAsync(out var source);
        using var owned = source;
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();
        var recycle = $"api/instances/{TestSource.InstanceId}/recycle";

        using (var bare = await client.PostAsync(recycle, null))
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, bare.StatusCode, "the cookie alone is not enough");
        }

        var antiforgery = (await client.GetFromJsonAsync<JsonElement>("api/session")).GetProperty("antiforgery").GetString()!;
        using (var foreign = new HttpRequestMessage(HttpMethod.Post, recycle))
        {
            foreign.Headers.Add(DashboardDefaults.AntiforgeryHeader, antiforgery);
            foreign.Headers.Add("Origin", "http://127.0.0.1:1");
            using var answer = await client.SendAsync(foreign);
            Assert.AreEqual(HttpStatusCode.Forbidden, answer.StatusCode);
        }

        using (var wrongHost = new HttpRequestMessage(HttpMethod.Get, "api/overview"))
        {
            wrongHost.Headers.Host = "rebound.example:" + server.Url.Port;
            using var answer = await client.SendAsync(wrongHost);
            Assert.AreEqual(HttpStatusCode.BadRequest, answer.StatusCode, "a name rebound to loopback gets nothing");
        }

        Assert.IsEmpty(source.Recycled);
        using (var own = new HttpRequestMessage(HttpMethod.Post, recycle))
        {
            own.Headers.Add(DashboardDefaults.AntiforgeryHeader, antiforgery);
            using var answer = await client.SendAsync(own);
            Assert.AreEqual(HttpStatusCode.Accepted, answer.StatusCode);
        }

        CollectionAssert.AreEqual(new[] { TestSource.InstanceId }, source.Recycled);
    }

    [TestMethod]
    public async Task LogTail_FastWriter_EveryLineOnceInOrderInBoundedChunks()
    {
        await using var server = await StartAsync(out var source);
        using var owned = source;
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();
        File.WriteAllText(source.LogFile, string.Empty);

        // 1,000 lines a second for 3 seconds, each 120 bytes, while the page's reader asks every 250 ms.
        const int Lines = 3000;
        var writer = Task.Run(async () =>
        {
            using var log = new StreamWriter(new FileStream(source.LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            for (var i = 0; i < Lines; i++)
            {
                await log.WriteAsync($"2026-01-01T00:00:00.000Z INFO  [1] Test: line {i:D6} {new string('x', 70)}\n");
                if (i % 100 == 99)
                {
                    await Task.Delay(100);
                }
            }
        });

        var received = new List<string>();
        long? from = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((!writer.IsCompleted || received.Count < Lines) && DateTime.UtcNow < deadline)
        {
            var chunk = await client.GetFromJsonAsync<JsonElement>($"api/instances/{TestSource.InstanceId}/log" + (from is null ? string.Empty : $"?from={from}"));
            var (start, end) = (chunk.GetProperty("from").GetInt64(), chunk.GetProperty("to").GetInt64());
            Assert.IsLessThanOrEqualTo(DashboardDefaults.MaxLogChunkBytes, end - start, "one answer holds at most one chunk");
            received.AddRange(chunk.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!));
            from = end;
            if (end - start < DashboardDefaults.MaxLogChunkBytes / 2)
            {
                await Task.Delay(250);
            }
        }

        await writer;
        CollectionAssert.AreEqual(
            Enumerable.Range(0, Lines).Select(i => $"line {i:D6}").ToList(),
            received.Select(l => l.Substring(l.IndexOf("line ", StringComparison.Ordinal), 11)).ToList());
    }

    [TestMethod]
    public async Task LogTail_FileRolledOver_StartsAgainAtItsBeginning()
    {
        await using var server = await StartAsync(out var source);
        using var owned = source;
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();
        File.WriteAllText(source.LogFile, string.Concat(Enumerable.Range(0, 100).Select(i => $"old line {i}\n")));
        var first = await client.GetFromJsonAsync<JsonElement>($"api/instances/{TestSource.InstanceId}/log");
        Assert.AreEqual(100, first.GetProperty("lines").GetArrayLength());

        File.WriteAllText(source.LogFile, "new line\npartial");
        var next = await client.GetFromJsonAsync<JsonElement>($"api/instances/{TestSource.InstanceId}/log?from={first.GetProperty("to").GetInt64()}");

        Assert.IsTrue(next.GetProperty("reset").GetBoolean());
        CollectionAssert.AreEqual(new[] { "new line" }, next.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList(), "an unfinished last line waits for its end");
        using var unknown = await client.GetAsync("api/instances/Nobody_IN_0/log");
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [TestMethod]
    public async Task StoragePages_WithoutAnAccount_SayThereIsNone()
    {
        await using var server = await StartAsync(out var source);
        using var owned = source;
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();

        using var queues = await client.GetAsync("api/queues");

        Assert.AreEqual(HttpStatusCode.NotFound, queues.StatusCode);
        StringAssert.Contains(await queues.Content.ReadAsStringAsync(), "no storage account");
    }

    [TestMethod]
    public async Task Instance_TaskFailedWithAStack_StackAndUptimeOnTheDashboardsClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        using var source = new TestSource(time);
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, TimeProvider = time });
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();
        time.Advance(TimeSpan.FromSeconds(42));

        var answer = await client.GetFromJsonAsync<JsonElement>($"api/instances/{TestSource.InstanceId}");

        var instance = answer.GetProperty("instance");
        Assert.AreEqual(source.ProcessStartedAt, instance.GetProperty("processStartedAt").GetDateTimeOffset());
        Assert.AreEqual("00:00:42", instance.GetProperty("uptime").GetString());
        var task = instance.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == TestSource.FailingTask);
        Assert.AreEqual(TestSource.Stack, task.GetProperty("lastErrorStack").GetString());
    }

    [TestMethod]
    public async Task Job_FailedOnceThenSucceeded_HistoryHasTheFailedAttemptAndNoMessage()
    {
        await using var worker = new FlakyWorker(JobStorage.Create(TestAzurite.ConnectionString));
        var job = await worker.SubmitAsync("fail-once");
        await worker.WaitForStateAsync(job, JobState.Succeeded);
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();

        var answer = await client.GetFromJsonAsync<JsonElement>($"api/jobs/{job}");

        Assert.AreEqual("Succeeded", answer.GetProperty("status").GetProperty("state").GetString(), "the record as before");
        var history = answer.GetProperty("history");
        Assert.AreEqual(2, history.GetProperty("attempts").GetInt32());
        var failed = history.GetProperty("failedAttempts").EnumerateArray().Single();
        Assert.AreEqual(1, failed.GetProperty("attempt").GetInt32());
        Assert.AreEqual("Queued", failed.GetProperty("outcome").GetString());
        Assert.AreEqual("System.InvalidOperationException: " + FlakyWorker.FirstError, failed.GetProperty("error").GetString());
        Assert.AreEqual(0, history.GetProperty("messages").GetArrayLength(), "deleted when the job ended");
        Assert.AreEqual(JsonValueKind.Null, history.GetProperty("messagesError").ValueKind);
        Assert.AreEqual(0, history.GetProperty("lookedIn").GetArrayLength(), "an ended job's message is not looked for: no queue is peeked");
        StringAssert.StartsWith(history.GetProperty("notLookedFor").GetString(), "its message was deleted when the job ended");
    }

    [TestMethod]
    public async Task Job_Poisoned_HistoryHasThePoisonMessageWithItsCheckpointFromItsPoisonQueueOnly()
    {
        await using var worker = new FlakyWorker(JobStorage.Create(TestAzurite.ConnectionString));
        var job = await worker.SubmitAsync("poison");
        await worker.WaitForStateAsync(job, JobState.Poisoned);
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();

        var answer = await client.GetFromJsonAsync<JsonElement>($"api/jobs/{job}");

        Assert.AreEqual(worker.Queue, answer.GetProperty("status").GetProperty("queue").GetString(), "the record names the job's queue");
        var history = answer.GetProperty("history");
        var message = history.GetProperty("messages").EnumerateArray().Single();
        Assert.AreEqual(worker.Queue + "-poison", message.GetProperty("queue").GetString());
        Assert.AreEqual(FlakyWorker.Checkpoint, message.GetProperty("checkpoint").GetString());
        Assert.AreEqual("Rejected", message.GetProperty("poison").GetProperty("reason").GetString());
        Assert.AreEqual("Poisoned", history.GetProperty("failedAttempts")[0].GetProperty("outcome").GetString());
        var lookedIn = history.GetProperty("lookedIn").EnumerateArray().Select(q => q.GetString()!).ToList();
        CollectionAssert.AreEqual(new[] { worker.Queue + "-poison" }, lookedIn, "a poisoned job is looked for in its own poison queue only: " + string.Join(", ", lookedIn));
    }

    [TestMethod]
    public async Task Job_Queued_HistoryFindsItsMessageLookingOnlyInItsQueue()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var queue = "history-" + Guid.NewGuid().ToString("N")[..12];
        var job = (await storage.Jobs.SubmitAsync(queue, "history-queued", "{}", null, CancellationToken.None)).JobId;
        await storage.Jobs.SubmitAsync(queue + "-other", "history-queued", "{}", null, CancellationToken.None);
        using var source = new TestSource();
        await using var server = await DashboardServer.StartAsync(source, new DashboardOptions { Token = Token, StorageConnectionString = TestAzurite.ConnectionString });
        using var client = Client(server);
        (await client.GetAsync(server.LoginUrl)).Dispose();

        var history = (await client.GetFromJsonAsync<JsonElement>($"api/jobs/{job}")).GetProperty("history");

        Assert.AreEqual(queue, history.GetProperty("messages").EnumerateArray().Single().GetProperty("queue").GetString());
        var lookedIn = history.GetProperty("lookedIn").EnumerateArray().Select(q => q.GetString()!).ToList();
        CollectionAssert.AreEqual(new[] { queue }, lookedIn, "a queued job is looked for in the queue its record names, not in another that holds messages: " + string.Join(", ", lookedIn));
        Assert.AreEqual(JsonValueKind.Null, history.GetProperty("notLookedFor").ValueKind);
    }

    private static Task<DashboardServer> StartAsync(out TestSource source)
    {
        source = new TestSource();
        return DashboardServer.StartAsync(source, new DashboardOptions { Token = Token });
    }

    private static HttpClient Client(DashboardServer server)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false };
        return new HttpClient(handler) { BaseAddress = server.Url, DefaultRequestHeaders = { { "Accept", "application/json" } } };
    }
}
