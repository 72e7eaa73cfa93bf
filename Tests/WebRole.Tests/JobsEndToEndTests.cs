using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using SkiaSharp;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// Jobs from submission to their end, through HTTP to the real web role and a real worker role process, on a real
/// Azurite; side effects are counted in storage.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed partial class JobsEndToEndTests
{
    private const string CallbackSigningKey = SharedWebRole.CallbackSigningKey;

    private static RunningService s_service = null!;
    private static JobStorage s_storage = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _ = context;
        s_service = await SharedWebRole.GetAsync();
        await s_service.StartWorkerAsync();
        s_storage = JobStorage.Create(TestAzurite.ConnectionString);
    }

    /// <summary>Only the worker ends here: the web role is shared, and the next class must not find a worker taking its messages.</summary>
    [ClassCleanup]
    public static void StopWorker() => s_service?.StopWorker();

    [TestMethod]
    [DataRow("png", 640, 320, 160, 80)]
    [DataRow("jpeg", 300, 900, 53, 160)]
    [DataRow("webp", 100, 50, 100, 50)]
    public async Task Thumbnail_Submitted_SucceedsWithLongestSide160(string format, int width, int height, int expectedWidth, int expectedHeight)
    {
        var image = format switch { "png" => TestImages.Png(width, height), "jpeg" => TestImages.Jpeg(width, height), _ => TestImages.Webp(width, height) };
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/" + format);

        using var response = await s_service.Http.PostAsync("/api/thumbnails", content);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        Assert.AreEqual($"/api/jobs/{jobId}", response.Headers.Location!.OriginalString);

        var status = await s_service.WaitForJobAsync(jobId);
        Assert.AreEqual("Succeeded", status.GetProperty("state").GetString(), status.ToString());
        var thumbnail = await s_service.Http.GetByteArrayAsync(status.GetProperty("resultUrl").GetString());
        using var decoded = SKBitmap.Decode(thumbnail);
        Assert.AreEqual(expectedWidth, decoded.Width);
        Assert.AreEqual(expectedHeight, decoded.Height);
    }

    [TestMethod]
    public async Task Order_Submitted_SucceedsWithEachSideEffectOnce()
    {
        var before = await StockAsync("sku-fig");

        var jobId = await SubmitOrderAsync("buyer@example.com", ("sku-fig", 3), ("sku-plum", 1));
        var status = await s_service.WaitForJobAsync(jobId);

        Assert.AreEqual("Succeeded", status.GetProperty("state").GetString(), status.ToString());
        Assert.AreEqual(before - 3, await StockAsync("sku-fig"));
        Assert.AreEqual(PaymentState.Charged, (await PaymentAsync(jobId))!.State);
        Assert.AreEqual(3.90m, (await PaymentAsync(jobId))!.Amount);
        var email = await s_storage.Blobs.DownloadAsync(JobQueues.OutboxContainer, jobId + ".eml", CancellationToken.None);
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(email!.Content), "To: buyer@example.com");
    }

    [TestMethod]
    public async Task Order_PaymentDeclined_FailsAndReleasesTheStock()
    {
        var before = await StockAsync("sku-apple");

        var jobId = await SubmitOrderAsync("someone@" + SampleServices.DeclinedDomain, ("sku-apple", 5));
        var status = await s_service.WaitForJobAsync(jobId);

        Assert.AreEqual("Failed", status.GetProperty("state").GetString(), status.ToString());
        StringAssert.Contains(status.GetProperty("error").GetString(), "charge failed: the payment was declined");
        Assert.AreEqual(before, await StockAsync("sku-apple"), "the reservation was undone");
        Assert.IsNull(await PaymentAsync(jobId));
    }

    [TestMethod]
    public async Task Order_CarrierKeepsFailing_RefundsReleasesAndFails()
    {
        var before = await StockAsync("sku-pear");

        var jobId = await SubmitOrderAsync("someone@" + SampleServices.CarrierDownDomain, ("sku-pear", 2));
        var status = await s_service.WaitForJobAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.AreEqual("Failed", status.GetProperty("state").GetString(), status.ToString());
        StringAssert.Contains(status.GetProperty("error").GetString(), "ship failed");
        Assert.AreEqual(before, await StockAsync("sku-pear"));
        Assert.AreEqual(PaymentState.Refunded, (await PaymentAsync(jobId))!.State);
        Assert.IsNull(await s_storage.Blobs.DownloadAsync(JobQueues.OutboxContainer, jobId + ".eml", CancellationToken.None));
    }

    [TestMethod]
    public async Task Orders_WorkerKilledMidway_EveryJobEndsOnceWithSideEffectsOnce()
    {
        const int Orders = 30;
        var before = await StockAsync("sku-plum");
        var jobs = new List<string>();
        for (var i = 0; i < Orders; i++)
        {
            jobs.Add(await SubmitOrderAsync($"buyer{i}@example.com", ("sku-plum", 1)));
        }

        await WaitUntilAsync(async () => await CountAsync(jobs, "Succeeded") >= 3);
        await s_service.KillWorkerRoleAsync();
        await s_service.StartWorkerAsync();

        foreach (var job in jobs)
        {
            var status = await s_service.WaitForJobAsync(job, TimeSpan.FromMinutes(2));
            Assert.AreEqual("Succeeded", status.GetProperty("state").GetString(), status.ToString());
        }

        Assert.AreEqual(before - Orders, await StockAsync("sku-plum"), "each order took its stock exactly once");
        foreach (var job in jobs)
        {
            Assert.AreEqual(PaymentState.Charged, (await PaymentAsync(job))!.State);
        }

        var depth = await s_storage.GetApproximateQueueDepthAsync(JobQueues.Orders, CancellationToken.None);
        Assert.AreEqual(0, depth, "nothing left on the queue");
    }

    private static async Task<string> SubmitOrderAsync(string email, params (string Sku, int Quantity)[] lines)
    {
        var order = new { customerEmail = email, items = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray() };
        using var response = await s_service.Http.PostAsJsonAsync("/api/orders", order);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    /// <summary>The stock of a product; the catalogue's initial stock until the worker's first order adds the levels.</summary>
    private static async Task<int> StockAsync(string sku) =>
        (await s_storage.Table<StockLevel>(JobQueues.InventoryTable).GetAsync("stock", sku, CancellationToken.None))?.Value.Available ?? Catalogue.InitialStock;

    private static async Task<Payment?> PaymentAsync(string orderId) =>
        (await s_storage.Table<Payment>(JobQueues.PaymentsTable).GetAsync("payment", orderId, CancellationToken.None))?.Value;

    private static async Task<int> CountAsync(IEnumerable<string> jobs, string state)
    {
        var count = 0;
        foreach (var job in jobs)
        {
            if ((await s_storage.Statuses.GetAsync(job, CancellationToken.None))?.State.ToString() == state)
            {
                count++;
            }
        }

        return count;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + RunningService.Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The worker role's records, as it writes them (the same shape, read back from table storage).</summary>
    private sealed record StockLevel(int Available);

    private sealed record Payment(decimal Amount, PaymentState State, DateTimeOffset At);

    private enum PaymentState
    {
        Charged,
        Refunded,
    }
}
