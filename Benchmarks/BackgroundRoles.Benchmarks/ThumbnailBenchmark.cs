using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BackgroundRoles.Jobs;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;
using SkiaSharp;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Queue target 4: thumbnails per second through the real worker role (<c>./cloudservice host --role WorkerRole</c>
/// on a cscfg pointing at this run's Azurite), and the peak resident memory of its role process. The images are
/// made here with SkiaSharp, uploaded to the <c>uploads</c> container and submitted with <see cref="JobClient"/>,
/// all before the role starts; the clock runs from the role's <c>Run entered</c> line to the empty queue.
/// Baselines in the same run: the worker's decode, resize and encode in a tight loop, in a child process
/// (<see cref="ChildVerb"/>), once with as many threads as cores, once with one; and the like-for-like one
/// (<see cref="ThumbnailTightLoop"/>): the same storage calls and image work in a tight loop in this process.
/// </summary>
internal static class ThumbnailBenchmark
{
    public const string ChildVerb = "thumbnails-child";
    private const string ResultPrefix = "thumbnails-result";
    private const int Width = 1000;
    private const int Height = 800;
    private const int LongestSide = 160;
    private const int BaselineWarmUp = 8;

    /// <summary>The worker's <c>WorkerRoleSettings.ThumbnailHandlersPerCore</c> (the harness does not reference the role).</summary>
    private const int HandlersPerCore = 4;
    private static readonly int WorkerHandlers = HandlersPerCore * Environment.ProcessorCount;
    private const string Queue = "thumbnails";
    private const string UploadsContainer = "uploads";
    private const string ThumbnailsContainer = "thumbnails";
    private const string JobType = "thumbnail";
    private const string DiagnosticContainer = "thumbnails-diagnostic";
    private const string RunEntered = "RoleHost: Run entered";
    private const string StartedAsProcess = "WorkerRole_IN_0: started as process ";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private sealed record Baseline(int Threads, int Images, double Ms, long PeakRssKb)
    {
        public double PerSecond => Images / (Ms / 1000);
    }

    private sealed record Worker(int Images, double Ms, double FirstDoneMs, long PeakRssKb, long MaxSampledRssKb, long EndRssKb, int Thumbnails, int Succeeded, int ExitCode, double TightLoopMs, Diagnostic[] Diagnostics);

    /// <summary>A diagnostic run: the worker's handler steps under an in-process processor with the given minimum polling interval.</summary>
    private sealed record Diagnostic(TimeSpan MinPollingInterval, int Images, double Ms)
    {
        public double PerSecond => Images / (Ms / 1000);
    }

    public static async Task<string> RunAsync(string root, int images)
    {
        var load = MachineLoad.Start();
        DirectoryInfo work = Directory.CreateTempSubdirectory("backgroundroles-bench-thumbnails-");
        try
        {
            string folder = Directory.CreateDirectory(Path.Combine(work.FullName, "images")).FullName;
            long totalBytes = MakeImages(folder, images);
            Baseline parallel = await RunBaselineAsync(root, folder, Environment.ProcessorCount).ConfigureAwait(false);
            Baseline single = await RunBaselineAsync(root, folder, 1).ConfigureAwait(false);
            Worker worker = await RunWorkerAsync(root, Path.Combine(work.FullName, "debug"), folder, package: null).ConfigureAwait(false);
            string package = await PackageAsync(root, Path.Combine(work.FullName, "package")).ConfigureAwait(false);
            Worker packaged = await RunWorkerAsync(root, Path.Combine(work.FullName, "release"), folder, package).ConfigureAwait(false);
            return Format(parallel, single, worker, packaged, images, totalBytes, load);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// JPEG photographs stand-ins of 1000 x 800: a gradient, 60 translucent discs and a fractal noise layer (texture,
    /// so that the JPEG is not trivially small), quality 85, each from its own seed. Returns the total size.
    /// </summary>
    private static long MakeImages(string folder, int count)
    {
        using var noiseSurface = SKSurface.Create(new SKImageInfo(Width * 2, Height * 2));
        using (var noisePaint = new SKPaint { Shader = SKShader.CreatePerlinNoiseFractalNoise(0.12f, 0.12f, 3, 7) })
        {
            noiseSurface.Canvas.DrawRect(0, 0, Width * 2, Height * 2, noisePaint);
        }

        using SKImage noise = noiseSurface.Snapshot();
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            var random = new Random(i);
            SKColor Color(byte alpha) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), alpha);
            using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
            SKCanvas canvas = surface.Canvas;
            using (var gradient = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Width, Height), [Color(255), Color(255)], SKShaderTileMode.Clamp) })
            {
                canvas.DrawRect(0, 0, Width, Height, gradient);
            }

            using (var disc = new SKPaint { IsAntialias = true })
            {
                for (int d = 0; d < 60; d++)
                {
                    disc.Color = Color((byte)random.Next(60, 200));
                    canvas.DrawCircle(random.Next(Width), random.Next(Height), random.Next(10, 200), disc);
                }
            }

            using (var texture = new SKPaint { Color = SKColors.White.WithAlpha(170), BlendMode = SKBlendMode.Overlay })
            {
                canvas.DrawImage(noise, -random.Next(Width), -random.Next(Height), texture);
            }

            using SKImage image = surface.Snapshot();
            using SKData jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
            File.WriteAllBytes(Path.Combine(folder, $"image-{i:D4}.jpg"), jpeg.ToArray());
            total += jpeg.Size;
        }

        return total;
    }

    /// <summary>The worker's ThumbnailHandler.Render, as it is: decode, Mitchell resize to 160 on the longest side, PNG.</summary>
    private static byte[] Render(byte[] image)
    {
        using var source = SKBitmap.Decode(image) ?? throw new InvalidDataException("Not an image.");
        double scale = Math.Min(1.0, (double)LongestSide / Math.Max(source.Width, source.Height));
        int width = Math.Max(1, (int)Math.Round(source.Width * scale));
        int height = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var resized = source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidDataException("Not resizable.");
        using var encoded = resized.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    private static async Task<Baseline> RunBaselineAsync(string root, string folder, int threads)
    {
        using var child = TimedProcess.Start(root, "dotnet", [typeof(ThumbnailBenchmark).Assembly.Location, ChildVerb, folder, threads.ToString(CultureInfo.InvariantCulture)], ResultPrefix);
        if (await child.WaitReadyAsync(DrainTimeout).ConfigureAwait(false) is null || await child.WaitForExitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false) != 0)
        {
            throw new InvalidOperationException($"The thumbnail baseline failed:\n{child.Transcript()}");
        }

        string[] fields = child.Transcript().Split('\n').First(line => line.StartsWith(ResultPrefix, StringComparison.Ordinal)).Split(' ');
        return new Baseline(threads, int.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[2], CultureInfo.InvariantCulture), long.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    /// <summary>The baseline's child: renders every image of the folder, reading each file as the worker downloads each blob.</summary>
    public static int ChildMain(string folder, int threads)
    {
        string[] files = [.. Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal)];
        foreach (var file in files.Take(BaselineWarmUp))
        {
            _ = Render(File.ReadAllBytes(file));
        }

        long start = Stopwatch.GetTimestamp();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file => _ = Render(File.ReadAllBytes(file)));
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ResultPrefix} {files.Length} {ms:F1} {ProcStatusKb(Environment.ProcessId, "VmHWM")}"));
        return 0;
    }

    /// <summary>
    /// <c>./cloudservice package --state-dir S</c> from the repository root: every role published in Release into a
    /// deployment folder, what a deployment runs; returns that folder (for <c>host --package</c>).
    /// </summary>
    private static async Task<string> PackageAsync(string root, string stateDirectory)
    {
        const string Marker = "package: deployment ";
        using var packaging = TimedProcess.Start(root, Path.Combine(root, "cloudservice"), ["package", "--state-dir", stateDirectory], Marker);
        if (await packaging.WaitForExitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false) != 0)
        {
            throw new InvalidOperationException($"./cloudservice package failed:\n{packaging.Transcript()}");
        }

        string line = packaging.Transcript().Split('\n').FirstOrDefault(line => line.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No '{Marker}' line:\n{packaging.Transcript()}");
        const string In = " in ";
        int at = line.IndexOf(In, StringComparison.Ordinal);
        int end = line.IndexOf(';', at);
        return line[(at + In.Length)..end];
    }

    /// <summary>
    /// One worker run on an Azurite of its own: uploads and jobs, then <c>./cloudservice host --role WorkerRole</c>
    /// from the Debug build (<paramref name="package"/> null) or from a package folder; with the Debug build, the
    /// like-for-like baseline and the diagnostic follow on the same storage.
    /// </summary>
    private static async Task<Worker> RunWorkerAsync(string root, string work, string folder, string? package)
    {
        Directory.CreateDirectory(work);
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var storage = JobStorage.Create(azurite.ConnectionString);
        var account = CloudStorageAccount.Parse(azurite.ConnectionString);
        CloudQueue queue = account.CreateCloudQueueClient().GetQueueReference(Queue);

        // Uploads and jobs first, so that the worker finds a full queue when it starts.
        string[] files = [.. Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal)];
        var jobIds = new string[files.Length];
        var imageIds = new string[files.Length];
        await Parallel.ForAsync(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            string imageId = imageIds[i] = Guid.NewGuid().ToString("N");
            await using (var content = File.OpenRead(files[i]))
            {
                await storage.Blobs.UploadAsync(UploadsContainer, imageId, content, "image/jpeg", ct).ConfigureAwait(false);
            }

            string payload = JsonSerializer.Serialize(new { imageId, contentType = "image/jpeg" });
            jobIds[i] = (await storage.Jobs.SubmitAsync(Queue, JobType, payload, null, ct).ConfigureAwait(false)).JobId;
        }).ConfigureAwait(false);

        // The service's own csdef, Local cscfg and startup tasks, with the storage settings pointing at this Azurite.
        using var service = BenchmarkService.Create(root, azurite.ConnectionString, webInstances: 1, workerInstances: 1);
        string csdef = service.Csdef;
        string cscfg = service.Cscfg;

        long processStart = Stopwatch.GetTimestamp();
        using var host = TimedProcess.Start(root, Path.Combine(root, "cloudservice"),
            ["host", "--role", "WorkerRole", "--csdef", csdef, "--cscfg", cscfg, "--state-dir", Path.Combine(work, "state"), .. package is null ? Array.Empty<string>() : ["--package", package]], RunEntered);
        TimeSpan ready = await host.WaitReadyAsync(ReadyTimeout).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The worker role did not get to '{RunEntered}':\n{host.Transcript()}");
        string startedLine = host.Transcript().Split('\n').FirstOrDefault(line => line.Contains(StartedAsProcess, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No '{StartedAsProcess}' line:\n{host.Transcript()}");
        int pid = int.Parse(startedLine[(startedLine.IndexOf(StartedAsProcess, StringComparison.Ordinal) + StartedAsProcess.Length)..].Split(';')[0], CultureInfo.InvariantCulture);

        // Poll the queue depth (messages are deleted only after success) and sample the role's resident memory.
        double? firstDoneMs = null;
        long maxRssKb = 0;
        long deadline = Stopwatch.GetTimestamp() + (long)(DrainTimeout.TotalSeconds * Stopwatch.Frequency);
        double doneMs;
        while (true)
        {
            await queue.FetchAttributesAsync().ConfigureAwait(false);
            double nowMs = Stopwatch.GetElapsedTime(processStart).TotalMilliseconds;
            maxRssKb = Math.Max(maxRssKb, ProcStatusKb(pid, "VmRSS"));
            int depth = queue.ApproximateMessageCount ?? 0;
            if (depth < files.Length)
            {
                firstDoneMs ??= nowMs - ready.TotalMilliseconds;
            }

            if (depth == 0)
            {
                doneMs = nowMs - ready.TotalMilliseconds;
                break;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"The worker left {depth} of {files.Length} thumbnail jobs after {DrainTimeout.TotalSeconds:F0} s.\n{host.Transcript()}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        long peakKb = ProcStatusKb(pid, "VmHWM");
        long endKb = ProcStatusKb(pid, "VmRSS");
        var (exitCode, _) = await host.TerminateAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);

        // Every job must have made its thumbnail and ended Succeeded.
        int thumbnails = 0;
        BlobContinuationToken? continuation = null;
        do
        {
            var segment = await account.CreateCloudBlobClient().GetContainerReference(ThumbnailsContainer).ListBlobsSegmentedAsync(continuation).ConfigureAwait(false);
            thumbnails += segment.Results.Count();
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        int succeeded = 0;
        foreach (var jobId in jobIds)
        {
            if ((await storage.Statuses.GetAsync(jobId, CancellationToken.None).ConfigureAwait(false))?.State == JobState.Succeeded)
            {
                succeeded++;
            }
        }

        // After the role has stopped, on the same Azurite and uploads: the like-for-like baseline (the same storage
        // calls and image work in a tight loop), then the handler's steps under a processor in this process.
        if (package is not null)
        {
            return new Worker(files.Length, doneMs, firstDoneMs ?? doneMs, peakKb, maxRssKb, endKb, thumbnails, succeeded, exitCode, double.NaN, []);
        }

        double tightMs = await ThumbnailTightLoop.RunAsync(storage, account.CreateCloudQueueClient(), UploadsContainer, imageIds, WorkerHandlers, Render).ConfigureAwait(false);
        Diagnostic[] diagnostics = [await InProcessAsync(storage, imageIds, JobDefaults.MinPollingInterval).ConfigureAwait(false)];
        return new Worker(files.Length, doneMs, firstDoneMs ?? doneMs, peakKb, maxRssKb, endKb, thumbnails, succeeded, exitCode, tightMs, diagnostics);
    }

    /// <summary>
    /// The worker's thumbnail steps (download the upload, progress 30 % when that took past the Running delay, render, upload the thumbnail) as a handler
    /// of a processor in this process (Release), MaxConcurrency and render slots as in the worker, on a queue of its own;
    /// from the processor's start to the last <c>JobSucceeded</c>.
    /// </summary>
    private static async Task<Diagnostic> InProcessAsync(JobStorage storage, string[] imageIds, TimeSpan minPolling)
    {
        string queue = $"thumbnails-diagnostic-{(int)minPolling.TotalMilliseconds}";
        await QueueJobs.FillAsync(storage, queue, JobType, imageIds.Length, i => JsonSerializer.Serialize(new { imageId = imageIds[i], contentType = "image/jpeg" })).ConfigureAwait(false);
        using var renders = new SemaphoreSlim(Environment.ProcessorCount, Environment.ProcessorCount);
        var handler = new QueueJobs.Handler(JobType, async (context, ct) =>
        {
            long started = Stopwatch.GetTimestamp();
            string imageId = JsonDocument.Parse(context.Payload).RootElement.GetProperty("imageId").GetString()!;
            BlobContent original = await storage.Blobs.DownloadAsync(UploadsContainer, imageId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No upload {imageId}.");
            if (Stopwatch.GetElapsedTime(started) >= JobDefaults.RunningStatusDelay)
            {
                await context.ReportProgressAsync(30, ct).ConfigureAwait(false);
            }

            byte[] rendered;
            await renders.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                rendered = Render(original.Content);
            }
            finally
            {
                renders.Release();
            }

            using var thumbnail = new MemoryStream(rendered, writable: false);
            await storage.Blobs.UploadAsync(DiagnosticContainer, context.JobId, thumbnail, "image/png", ct).ConfigureAwait(false);
        });
        var events = new JobEventCounter(imageIds.Length);
        var options = new QueueProcessorOptions { Name = queue, Queues = [queue], MaxConcurrency = WorkerHandlers, MinPollingInterval = minPolling };
        long start = Stopwatch.GetTimestamp();
        await using (var running = new QueueJobs.Running(storage, options, handler, events))
        {
            await events.Reached.WaitAsync(DrainTimeout).ConfigureAwait(false);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            running.ThrowIfEnded();
            if (events.Failures > 0)
            {
                throw new InvalidOperationException($"The diagnostic processor reported {events.Failures} failed jobs.");
            }

            return new Diagnostic(minPolling, imageIds.Length, ms);
        }
    }

    /// <summary>A kB field of /proc/PID/status (VmHWM: peak resident set; VmRSS: resident set now); 0 when unreadable.</summary>
    private static long ProcStatusKb(int pid, string field)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Format(Baseline parallel, Baseline single, Worker worker, Worker packaged, int images, long totalBytes, MachineLoad load)
    {
        double workerPerSecond = worker.Images / (worker.Ms / 1000);
        double packagedPerSecond = packaged.Images / (packaged.Ms / 1000);
        double tightPerSecond = worker.Images / (worker.TightLoopMs / 1000);
        var text = new StringBuilder();
        text.AppendLine("### 7. Thumbnails per second and the worker's memory");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"{images} JPEG images of {Width} x {Height} (quality 85, {Stats.Ms(totalBytes / 1024.0 / images, 0)} KB on average) made with SkiaSharp by the harness. " +
            $"Worker: uploaded to `{UploadsContainer}` and submitted with `JobClient.SubmitAsync` to the `{Queue}` queue (payload `{{\"imageId\":..., \"contentType\":\"image/jpeg\"}}`) " +
            "before the role starts; then `./cloudservice host --role WorkerRole --csdef T/ServiceDefinition.csdef --cscfg T/ServiceConfiguration.Benchmark.cscfg --state-dir S` " +
            "(T: a temporary folder with the repository's csdef, Local cscfg and StartupTasks, StorageConnectionString pointing at this run's Azurite, so the role's startup task runs first; S: a fresh state folder; the Debug build in `artifacts/` that `./cloudservice` runs). " +
            $"The clock runs from the role's `{RunEntered}` line to the queue being empty (polled every {PollInterval.TotalMilliseconds:F0} ms; a message is deleted after its thumbnail " +
            $"is stored and its status is Succeeded). Memory: `VmHWM` (peak resident set) of the role process from /proc, read before it is stopped. " +
            $"Baseline: the worker's `ThumbnailHandler.Render` code (decode, Mitchell resize to {LongestSide} px, PNG) in a `Parallel.ForEach` over the image files, " +
            $"in a child process (`{ChildVerb}`, Release), after {BaselineWarmUp} unmeasured images. The worker's thumbnail processor runs {WorkerHandlers} handlers " +
            $"({HandlersPerCore} per core), decode + resize + encode gated to {Environment.ProcessorCount} at once (one per core); Azurite shares the same cores in the worker's run. " +
            "Like-for-like baseline (after the role has stopped, same Azurite, same uploads): the same storage calls and image work in a tight loop in the harness (Release): " +
            $"a queue of one plain message per image, GetMessages by free slot (up to {JobDefaults.MaxBatchSize}), download the upload, render (one per core), upload the thumbnail, Delete; " +
            $"{WorkerHandlers} in flight; no status records, progress write, envelope or visibility renewal (what the processor adds). " +
            "The packaged worker: the same steps on an Azurite of its own with `--package P` added, P being what `./cloudservice package` made beforehand " +
            "(every role published in Release: what a deployment runs; publishing is not timed).");
        text.AppendLine();
        text.AppendLine("| measurement | images | seconds | thumbnails/s | ÷ baseline | peak RSS MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine($"| baseline: decode + resize + encode, tight loop, {parallel.Threads} threads | {parallel.Images} | {Stats.Ms(parallel.Ms / 1000, 2)} | {Stats.Ms(parallel.PerSecond)} | 1.00× | {Mb(parallel.PeakRssKb)} |");
        text.AppendLine($"| same, 1 thread | {single.Images} | {Stats.Ms(single.Ms / 1000, 2)} | {Stats.Ms(single.PerSecond)} | {Stats.Ratio(single.PerSecond, parallel.PerSecond)} | {Mb(single.PeakRssKb)} |");
        text.AppendLine($"| like-for-like baseline: GetMessages → download → render → upload → Delete, tight loop, {WorkerHandlers} in flight | {worker.Images} | {Stats.Ms(worker.TightLoopMs / 1000, 2)} | {Stats.Ms(tightPerSecond)} | {Stats.Ratio(tightPerSecond, parallel.PerSecond)} | |");
        text.AppendLine($"| worker role: queue → download → render → upload → Succeeded → delete | {worker.Images} | {Stats.Ms(worker.Ms / 1000, 2)} | {Stats.Ms(workerPerSecond)} | {Stats.Ratio(workerPerSecond, parallel.PerSecond)} | {Mb(worker.PeakRssKb)} |");
        text.AppendLine($"| worker role from `./cloudservice package` (Release), same steps | {packaged.Images} | {Stats.Ms(packaged.Ms / 1000, 2)} | {Stats.Ms(packagedPerSecond)} | {Stats.Ratio(packagedPerSecond, parallel.PerSecond)} | {Mb(packaged.PeakRssKb)} |");
        foreach (var diagnostic in worker.Diagnostics)
        {
            text.AppendLine($"| diagnostic: the worker's handler steps under a `QueueProcessor` in the harness (Release), {WorkerHandlers} handlers, renders gated to cores, " +
                $"MinPollingInterval {diagnostic.MinPollingInterval.TotalMilliseconds:F0} ms | {diagnostic.Images} | {Stats.Ms(diagnostic.Ms / 1000, 2)} | {Stats.Ms(diagnostic.PerSecond)} | {Stats.Ratio(diagnostic.PerSecond, parallel.PerSecond)} | |");
        }

        text.AppendLine();
        text.AppendLine($"Worker details: first job done {Stats.Ms(worker.FirstDoneMs, 0)} ms after `Run entered`; resident set: peak {Mb(worker.PeakRssKb)} MB (VmHWM, whole life of the process), " +
            $"largest sample during the load {Mb(worker.MaxSampledRssKb)} MB, {Mb(worker.EndRssKb)} MB at the end; {worker.Thumbnails} thumbnails stored, " +
            $"{worker.Succeeded} of {worker.Images} jobs Succeeded; exit code after SIGTERM {worker.ExitCode}. " +
            $"Packaged worker: first job done {Stats.Ms(packaged.FirstDoneMs, 0)} ms after `Run entered`; peak {Mb(packaged.PeakRssKb)} MB; {packaged.Thumbnails} thumbnails stored, " +
            $"{packaged.Succeeded} of {packaged.Images} jobs Succeeded; exit code after SIGTERM {packaged.ExitCode}.");
        text.AppendLine();
        text.AppendLine($"Result: {Stats.Ms(workerPerSecond)} thumbnails/s on {Environment.ProcessorCount} cores, {Stats.Ratio(workerPerSecond, tightPerSecond)} of the like-for-like " +
            $"baseline's {Stats.Ms(tightPerSecond)} (target: at least 0.6×), {Stats.Ratio(workerPerSecond, parallel.PerSecond)} of the bare render loop's {Stats.Ms(parallel.PerSecond)}; " +
            $"peak RSS of the worker {Mb(worker.PeakRssKb)} MB. From its package (Release): {Stats.Ms(packagedPerSecond)} thumbnails/s, " +
            $"{Stats.Ratio(packagedPerSecond, tightPerSecond)} of the like-for-like baseline; peak RSS {Mb(packaged.PeakRssKb)} MB.");
        return text.ToString();

        static string Mb(long kb) => Stats.Ms(kb / 1024.0, 0);
    }
}
