using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Dashboard;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The dashboard (issue 12): with 4 instances and 10 queues (each with its poison queue), the time of one overview
/// and one queues refresh over loopback HTTP and their payload sizes; then a log tail read the way the instance page
/// reads it (from its offset, every second) while a writer appends 1,000 lines a second, with how far it lags and how
/// the process's managed heap moves.
/// </summary>
internal static class DashboardBenchmark
{
    private const int Refreshes = 300;
    private const int QueueRefreshes = 50;
    private const int Queues = 10;
    private static readonly TimeSpan TailDuration = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(string root)
    {
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var storage = JobStorage.Create(azurite.ConnectionString);
        for (var i = 0; i < Queues; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                await storage.Jobs.SubmitAsync($"bench{i}", "bench", "{}", null, CancellationToken.None).ConfigureAwait(false);
            }
        }

        var folder = Directory.CreateTempSubdirectory("backgroundroles-bench-dashboard-");
        try
        {
            var log = Path.Combine(folder.FullName, DashboardBenchSource.LoggingInstance + ".log");
            File.WriteAllText(log, string.Empty);
            var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
            await using var server = await DashboardServer.StartAsync(new DashboardBenchSource(log), new DashboardOptions { Token = token, StorageConnectionString = azurite.ConnectionString }).ConfigureAwait(false);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseProxy = false }) { BaseAddress = server.Url };
            (await client.GetAsync(server.LoginUrl).ConfigureAwait(false)).Dispose();

            var (overview, overviewBytes) = await TimeAsync(client, "api/overview", Refreshes).ConfigureAwait(false);
            var (queues, queuesBytes) = await TimeAsync(client, "api/queues", QueueRefreshes).ConfigureAwait(false);
            var tail = await TailAsync(client, log).ConfigureAwait(false);

            var report = new StringBuilder();
            report.AppendLine("## 11. Dashboard: refresh cost and a live log tail (issue 12)");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"In one process: the dashboard server (a source of 4 instances with 4 tasks and 2 endpoints each, an Azurite with {Queues} queues and their poison queues) and an HttpClient on loopback, after 20 warm-up requests. A refresh's time is the client's, so it holds the server's work plus loopback HTTP.");
            report.AppendLine();
            report.AppendLine("| what | samples | median ms | p95 ms | max ms | payload bytes |");
            report.AppendLine("|---|---|---|---|---|---|");
            report.AppendLine(CultureInfo.InvariantCulture, $"| overview (`/api/overview`, also what each server-sent push carries) | {overview.Count} | {Stats.Ms(overview.Median, 2)} | {Stats.Ms(overview.Percentile(95), 2)} | {Stats.Ms(overview.Max, 2)} | {overviewBytes} |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| queues (`/api/queues`: list + {Queues * 2} depths from Azurite) | {queues.Count} | {Stats.Ms(queues.Median)} | {Stats.Ms(queues.Percentile(95))} | {Stats.Ms(queues.Max)} | {queuesBytes} |");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Log tail: 1,000 lines a second of 120 bytes for {TailDuration.TotalSeconds:F0} s, read every second from the last offset as the instance page does: {tail.Lines} of {tail.Written} lines received, at most {tail.MaxLag} lines behind after a read, largest answer {tail.MaxChunk} bytes of log (the bound is {DashboardDefaults.MaxLogChunkBytes}). Managed heap of the process (server and client) after a full GC: {tail.HeapBefore / 1024} KB before the tail, {tail.HeapAtTen / 1024} KB after 10 s of it, {tail.HeapAfter / 1024} KB at its end; the server keeps nothing of a log between requests, so what one request holds is at most one {DashboardDefaults.MaxLogChunkBytes / 1024} KB chunk and its lines.");
            return report.ToString();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(Stats Times, int Bytes)> TimeAsync(HttpClient client, string path, int samples)
    {
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync(path).ConfigureAwait(false)).Dispose();
        }

        var times = new List<double>(samples);
        var bytes = 0;
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            var body = await client.GetByteArrayAsync(path).ConfigureAwait(false);
            times.Add(watch.Elapsed.TotalMilliseconds);
            bytes = body.Length;
        }

        return (new Stats(times), bytes);
    }

    private static async Task<TailResult> TailAsync(HttpClient client, string log)
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var written = 0;
        using var stop = new CancellationTokenSource(TailDuration);
        var writer = Task.Run(async () =>
        {
            using var file = new StreamWriter(new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            var start = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                // Catch up to 1,000 lines per elapsed second, in steps of 10 ms.
                var due = (int)(start.Elapsed.TotalSeconds * 1000);
                for (; written < due; written++)
                {
                    await file.WriteAsync($"2026-01-01T00:00:00.000Z INFO  [1] Bench: line {written:D7} {new string('x', 60)}\n").ConfigureAwait(false);
                }

                await Task.Delay(10).ConfigureAwait(false);
            }
        });

        long? from = null;
        var lines = 0;
        var maxLag = 0;
        var maxChunk = 0L;
        var heapAtTen = 0L;
        var reads = 0;
        while (!writer.IsCompleted)
        {
            // Reads as the page does: again at once while a whole chunk came, else after a second.
            var full = true;
            while (full)
            {
                using var chunk = JsonDocument.Parse(await client.GetStringAsync($"api/instances/{DashboardBenchSource.LoggingInstance}/log" + (from is null ? "?from=0" : $"?from={from}")).ConfigureAwait(false));
                var (start, end) = (chunk.RootElement.GetProperty("from").GetInt64(), chunk.RootElement.GetProperty("to").GetInt64());
                lines += chunk.RootElement.GetProperty("lines").GetArrayLength();
                maxChunk = Math.Max(maxChunk, end - start);
                full = end - start >= DashboardDefaults.MaxLogChunkBytes / 2;
                from = end;
            }

            maxLag = Math.Max(maxLag, Volatile.Read(ref written) - lines);
            if (++reads == 10)
            {
                heapAtTen = GC.GetTotalMemory(forceFullCollection: true);
            }

            await Task.Delay(1000).ConfigureAwait(false);
        }

        await writer.ConfigureAwait(false);

        // What came during the last second, chunk by chunk.
        while (true)
        {
            using var final = JsonDocument.Parse(await client.GetStringAsync($"api/instances/{DashboardBenchSource.LoggingInstance}/log?from={from}").ConfigureAwait(false));
            var count = final.RootElement.GetProperty("lines").GetArrayLength();
            lines += count;
            from = final.RootElement.GetProperty("to").GetInt64();
            if (count == 0)
            {
                break;
            }
        }
        return new TailResult(written, lines, maxLag, maxChunk, heapBefore, heapAtTen, GC.GetTotalMemory(forceFullCollection: true));
    }

    private sealed record TailResult(int Written, int Lines, int MaxLag, long MaxChunk, long HeapBefore, long HeapAtTen, long HeapAfter);
}
