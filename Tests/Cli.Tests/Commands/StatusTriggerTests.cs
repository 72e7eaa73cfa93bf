using System.Text;
using System.Text.Json;
using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>status</c> showing the worker role's blob trigger: <c>run</c> of the repository's service on the class's own
/// Azurite, a blob the inbox handler poisons and one it fails dropped into <c>thumbnails-inbox</c>.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class StatusTriggerTests
{
    private const string Trigger = "blob-trigger-thumbnails-inbox";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [ClassInitialize]
    public static Task StartAzurite(TestContext context)
    {
        _ = context;
        return TestAzurite.StartAsync();
    }

    [ClassCleanup]
    public static Task StopAzurite() => TestAzurite.StopAsync();

    [TestMethod]
    public async Task Status_PoisonedAndFailedInboxBlobs_TriggerRowWithCountsAndErrors()
    {
        using var service = new ServiceCopy(new Dictionary<string, string>
        {
            ["StorageConnectionString"] = TestAzurite.ConnectionString,
            ["ThumbnailsInbox.ScanInterval"] = "00:00:01",
        });
        using var run = CliProcess.Start(service.Directory, "run");
        try
        {
            await run.WaitForLineAsync(l => l.StartsWith("Control API at ", StringComparison.Ordinal), Timeout);
            var storage = JobStorage.Create(TestAzurite.ConnectionString);

            // Its thumbnail's name would pass the 1,024 characters a blob name may have: poisoned at once.
            var tooLong = "p/" + new string('x', 1013);
            await UploadAsync(storage, tooLong, "a picture");
            await UploadAsync(storage, "notes.png", "not an image");

            var trigger = await WaitForTriggerAsync(service, t => t.GetProperty("poisoned").GetInt32() == 1 && t.GetProperty("failed").GetInt32() == 1, run);
            Assert.AreEqual("thumbnails-inbox", trigger.GetProperty("container").GetString());
            var failures = trigger.GetProperty("newestFailures").EnumerateArray().ToArray();
            var poisoned = failures.Single(f => f.GetProperty("state").GetString() == "Poisoned");
            Assert.AreEqual(tooLong, poisoned.GetProperty("blobName").GetString());
            Assert.AreEqual(1, poisoned.GetProperty("attempts").GetInt32());

            var (exitCode, text) = await CliProcess.RunAsync(service.Directory, Timeout, "status");
            using (text)
            {
                Assert.AreEqual(0, exitCode, text.Output);
                var row = text.Lines.SingleOrDefault(l => l.TrimStart().StartsWith(Trigger + " ", StringComparison.Ordinal));
                Assert.IsNotNull(row, text.Output);
                StringAssert.Contains(row, "thumbnails-inbox");
                CollectionAssert.AreEqual(new[] { "0", "0", "0", "1", "1" }, row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5..], "running, retrying, succeeded, failed, poisoned: " + row);
                Assert.IsTrue(text.Lines.Any(l => l.TrimStart().StartsWith("poisoned p/xxx", StringComparison.Ordinal) && l.Contains("after 1 attempt(s)", StringComparison.Ordinal) && l.Contains("PoisonJobException: The blob name is 1015 characters", StringComparison.Ordinal)), text.Output);
                Assert.IsTrue(text.Lines.Any(l => l.TrimStart().StartsWith("failed notes.png", StringComparison.Ordinal)), text.Output);
            }
        }
        finally
        {
            run.Signal("TERM");
            await run.WaitForExitAsync(Timeout);
        }
    }

    private static async Task<JsonElement> WaitForTriggerAsync(ServiceCopy service, Func<JsonElement, bool> done, CliProcess run)
    {
        var deadline = DateTime.UtcNow + Timeout;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var (exitCode, cli) = await CliProcess.RunAsync(service.Directory, Timeout, "status", "--json");
            using (cli)
            {
                last = cli.Output;
                if (exitCode == 0)
                {
                    var trigger = JsonDocument.Parse(cli.Output).RootElement.GetProperty("roles").EnumerateArray()
                        .Where(role => role.TryGetProperty("coordination", out var c) && c.TryGetProperty("triggers", out _))
                        .SelectMany(role => role.GetProperty("coordination").GetProperty("triggers").EnumerateArray())
                        .FirstOrDefault(t => t.GetProperty("name").GetString() == Trigger);
                    if (trigger.ValueKind == JsonValueKind.Object && done(trigger))
                    {
                        return trigger.Clone();
                    }
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The trigger never showed as expected. Status: {last}{Environment.NewLine}Run: {run.Output}");
    }

    private static async Task UploadAsync(JobStorage storage, string name, string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        await storage.Blobs.UploadAsync("thumbnails-inbox", name, stream, "image/png", CancellationToken.None);
    }
}
