using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Fabric.Storage;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>Storage that is down is the service's problem, not the client's: 503 with Retry-After, never 500.</summary>
[TestClass]
[DoNotParallelize]
public sealed class StorageOutageTests
{
    [TestMethod]
    public async Task Api_StorageStopped_Answers503WithRetryAfterThenRecovers()
    {
        // An Azurite of its own, since this test stops it.
        var script = AzuriteProcess.FindScript(RepositoryPaths.Root) ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci'.");
        var data = Path.Combine(Path.GetTempPath(), "backgroundroles-azurite", Guid.NewGuid().ToString("N"));
        var (blob, queue, table) = AzuriteProcess.FreePorts();
        var azurite = await AzuriteProcess.StartAsync(script, data, blob, queue, table);
        try
        {
            using var service = await RunningService.StartAsync(withWorker: false, new Dictionary<string, string> { ["StorageConnectionString"] = StorageConnection.ForAzurite(blob, queue, table) });
            using (var accepted = await PostOrderAsync(service))
            {
                Assert.AreEqual(HttpStatusCode.Accepted, accepted.StatusCode);
            }

            // Azurite writes its tables and queues to disk every few seconds; killed before that, it comes back without them.
            await WaitUntilSavedAsync(data, ("__azurite_db_table__.json", "jobstatus"), ("__azurite_db_queue__.json", "orders"));
            await azurite.DisposeAsync();

            using (var order = await PostOrderAsync(service))
            {
                await AssertUnavailableAsync(order);
            }

            using (var thumbnail = await service.Http.PostAsync("/api/thumbnails", Png()))
            {
                await AssertUnavailableAsync(thumbnail);
            }

            using (var read = await service.Http.GetAsync($"/api/jobs/{Guid.NewGuid():N}"))
            {
                await AssertUnavailableAsync(read);
            }

            using (var result = await service.Http.GetAsync($"/api/thumbnails/{Guid.NewGuid():N}"))
            {
                await AssertUnavailableAsync(result);
            }

            azurite = await AzuriteProcess.StartAsync(script, data, blob, queue, table);
            using var recovered = await PostOrderAsync(service);
            Assert.AreEqual(HttpStatusCode.Accepted, recovered.StatusCode, await recovered.Content.ReadAsStringAsync() + service.Web.Output);
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task WaitUntilSavedAsync(string data, params (string File, string Name)[] expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!expected.All(e => File.Exists(Path.Combine(data, e.File)) && File.ReadAllText(Path.Combine(data, e.File)).Contains(e.Name, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Azurite did not save its state: " + string.Join(", ", Directory.GetFiles(data)));
            }

            await Task.Delay(200);
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.IsNotNull(response.Headers.RetryAfter?.Delta, "Retry-After in seconds");
        Assert.IsTrue(response.Headers.RetryAfter.Delta > TimeSpan.Zero);
        Assert.IsFalse(body.Contains("AccountKey", StringComparison.OrdinalIgnoreCase), body);
        _ = JsonDocument.Parse(body);
    }

    private static Task<HttpResponseMessage> PostOrderAsync(RunningService service) =>
        service.Http.PostAsJsonAsync("/api/orders", new { customerEmail = "outage@example.com", items = new[] { new { sku = "sku-apple", quantity = 1 } } });

    private static ByteArrayContent Png()
    {
        var content = new ByteArrayContent(TestImages.Png(20, 20));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }
}
