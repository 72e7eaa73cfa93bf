using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Supervision;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.WebRole.Tests.Api;

/// <summary>
/// One status document: a job's webhook body and the real web role's <c>GET /api/jobs/{id}</c> have the same fields
/// in the same order, the web role adding <c>callback</c> last.
/// </summary>
[TestClass]
public sealed class JobStatusShapeTests
{
    private static readonly string[] DocumentFields =
        ["jobId", "jobType", "state", "progress", "resultUrl", "error", "attempts", "createdAt", "updatedAt", "startedAt", "completedAt", "dueAt", "cancellable"];

    [TestMethod]
    public async Task GetJob_JobCalledBack_SameFieldsAsTheCallbackBodyThenCallback()
    {
        using var service = await RunningService.StartAsync(withWorker: false);
        await using var receiver = WebhookReceiver.Start();
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        storage.Jobs.CallbackHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test");
        var queue = "shape-" + Guid.NewGuid().ToString("N")[..12];
        var jobId = (await storage.Jobs.SubmitAsync(queue, "echo", "{}", new SubmitOptions { CallbackUrl = receiver.Url() }, CancellationToken.None)).JobId;

        using var stop = new CancellationTokenSource();
        var supervisor = new Supervisor(new SupervisorOptions(), NullLogger<Supervisor>.Instance);
        supervisor.Add(storage.CreateProcessor(
            new QueueProcessorOptions
            {
                Queues = [queue],
                MinPollingInterval = TimeSpan.FromMilliseconds(50),
                MaxPollingInterval = TimeSpan.FromMilliseconds(200),
                DrainTimeout = TimeSpan.FromSeconds(1),
                Callbacks = new CallbackOptions { AllowedHosts = CallbackAllowList.Parse(receiver.HostAndPort, "test"), SigningKey = "shape-key" },
            },
            [new EchoHandler()],
            NullLoggerFactory.Instance));
        var run = Task.Run(() => supervisor.RunAsync(stop.Token));
        JsonElement shown;
        try
        {
            var deadline = DateTime.UtcNow + RunningService.Timeout;
            do
            {
                Assert.IsTrue(DateTime.UtcNow < deadline, "the callback's outcome was never shown");
                await Task.Delay(100);
                shown = await service.Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            }
            while (shown.GetProperty("callback").ValueKind == JsonValueKind.Null);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(60));
        }

        var body = JsonDocument.Parse(receiver.Received.Single().Body).RootElement;
        CollectionAssert.AreEqual(DocumentFields, body.EnumerateObject().Select(p => p.Name).ToArray(), body.ToString());
        CollectionAssert.AreEqual(DocumentFields.Append("callback").ToArray(), shown.EnumerateObject().Select(p => p.Name).ToArray(), shown.ToString());
        foreach (var field in DocumentFields.Where(f => f != "updatedAt"))
        {
            // updatedAt moves when the callback's outcome is recorded; everything else is the same status.
            Assert.AreEqual(body.GetProperty(field).ToString(), shown.GetProperty(field).ToString(), field);
        }

        Assert.AreEqual("Delivered", shown.GetProperty("callback").GetProperty("outcome").GetString());
    }

    /// <summary>A job that succeeds at once.</summary>
    private sealed class EchoHandler : IJobHandler
    {
        public string JobType => "echo";

        public Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken) => Task.FromResult(JobResult.Success);
    }
}
