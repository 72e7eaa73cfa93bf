using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using BackgroundRoles.Jobs;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Newtonsoft.Json.Linq;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Queue target 3: how soon the in-flight jobs of a worker that goes away are taken by another one. A child
/// process (<see cref="ChildVerb"/>) runs a <see cref="QueueProcessor"/> whose N handlers never end; once all N
/// run, it is either stopped gracefully (SIGTERM: its token is cancelled, the drain cancels the handlers and
/// releases their messages with visibility 0) or killed (SIGKILL: the messages come back only when their
/// visibility timeout runs out). A second processor with default options, already running in the harness, takes
/// them. A 10 ms peek loop sees when each message is visible again.
/// </summary>
internal static class RedeliveryBenchmark
{
    public const string ChildVerb = "redelivery-child";
    private const string StorageVariable = "BACKGROUNDROLES_BENCH_STORAGE";
    private const string ReadyMarker = "redelivery-child ready";
    private const string StartedMarker = "redelivery-child started ";
    private const string LongType = "long";

    /// <summary>
    /// How long the second processor has been idle when the graceful stop comes: long enough for its polling to
    /// back off to the 10 s maximum, as an instance that has long had nothing to do. (After a kill it idles at least
    /// the visibility timeout anyway.)
    /// </summary>
    private static readonly TimeSpan IdleBeforeStop = TimeSpan.FromSeconds(16);

    private static readonly TimeSpan PeekInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the peek loop runs before a kill, so that its first, slower rounds are over.</summary>
    private static readonly TimeSpan PeekWarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private sealed record Case(string Label, bool Graceful, string Queue);

    private sealed record Result(Case Case, int Jobs, double ExitMs, Stats VisibleMs, Stats PickedUpMs);

    public static async Task<string> RunAsync(string root, int inFlight)
    {
        var load = MachineLoad.Start();
        await using var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        var storage = JobStorage.Create(azurite.ConnectionString);
        CloudQueueClient queues = CloudStorageAccount.Parse(azurite.ConnectionString).CreateCloudQueueClient();
        Case[] cases =
        [
            new("graceful stop (SIGTERM; DrainTimeout 0: release with visibility 0)", true, "redelivery-graceful"),
            new($"worker killed (SIGKILL; the messages wait out the {JobDefaults.VisibilityTimeout.TotalSeconds:F0} s visibility timeout)", false, "redelivery-killed"),
        ];

        var results = new List<Result>();
        foreach (var @case in cases)
        {
            results.Add(await RunCaseAsync(root, azurite.ConnectionString, storage, queues.GetQueueReference(@case.Queue), @case, inFlight).ConfigureAwait(false));
        }

        return Format(results, inFlight, load);
    }

    private static async Task<Result> RunCaseAsync(string root, string connectionString, JobStorage storage, CloudQueue queue, Case @case, int inFlight)
    {
        await storage.EnsureQueueAsync(queue.Name, CancellationToken.None).ConfigureAwait(false);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { typeof(RedeliveryBenchmark).Assembly.Location, ChildVerb, queue.Name, inFlight.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment[StorageVariable] = connectionString;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        int started = 0;
        using var child = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the redelivery child.");
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            output.Enqueue(line);
            if (line == ReadyMarker)
            {
                ready.TrySetResult();
            }
            else if (line.StartsWith(StartedMarker, StringComparison.Ordinal) && Interlocked.Increment(ref started) == inFlight)
            {
                allStarted.TrySetResult();
            }
        };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        try
        {
            await WaitAsync(ready.Task, child, output, "ready").ConfigureAwait(false);
            IReadOnlyList<string> jobIds = await QueueJobs.FillAsync(storage, queue.Name, LongType, inFlight, _ => "{}").ConfigureAwait(false);
            await WaitAsync(allStarted.Task, child, output, $"{inFlight} handlers running").ConfigureAwait(false);

            // The second processor: default options, a handler that only records when each job reached it.
            var pickedUp = new ConcurrentDictionary<string, long>();
            var allPickedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var second = new QueueJobs.Handler(LongType, (context, _) =>
            {
                if (pickedUp.TryAdd(context.JobId, Stopwatch.GetTimestamp()) && pickedUp.Count == inFlight)
                {
                    allPickedUp.TrySetResult();
                }

                return Task.CompletedTask;
            });
            await using var running = new QueueJobs.Running(storage, new QueueProcessorOptions { Name = "second", Queues = [queue.Name] }, second, NullLoggerFactory.Instance);

            // Peek from before the signal on (every message is invisible until then): when each one is visible again.
            var visible = new ConcurrentDictionary<string, long>();
            using var stopPeeking = new CancellationTokenSource();
            Task peeking = PeekAsync(queue, visible, stopPeeking.Token);
            await Task.Delay(@case.Graceful ? IdleBeforeStop : PeekWarmUp).ConfigureAwait(false);
            if (!visible.IsEmpty)
            {
                throw new InvalidOperationException("A message of a running handler became visible before the signal.");
            }

            long signalled = Stopwatch.GetTimestamp();
            if (@case.Graceful)
            {
                NativeMethods.TryTerminate(child.Id);
            }
            else
            {
                child.Kill();
            }

            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            double exitMs = Stopwatch.GetElapsedTime(signalled).TotalMilliseconds;
            TimeSpan pickupTimeout = JobDefaults.VisibilityTimeout + JobDefaults.MaxPollingInterval + TimeSpan.FromSeconds(30);
            await allPickedUp.Task.WaitAsync(pickupTimeout).ConfigureAwait(false);
            await stopPeeking.CancelAsync().ConfigureAwait(false);
            await peeking.ConfigureAwait(false);
            running.ThrowIfEnded();
            if (@case.Graceful && child.ExitCode != 0)
            {
                throw new InvalidOperationException($"The child stopped with exit code {child.ExitCode}:\n{string.Join('\n', output)}");
            }

            // A message the second processor took between two peeks was visible by the time it took it.
            double[] visibleMs = [.. jobIds.Select(id => Math.Min(
                visible.TryGetValue(id, out long seen) ? seen : long.MaxValue,
                pickedUp[id])).Select(at => Stopwatch.GetElapsedTime(signalled, at).TotalMilliseconds)];
            double[] pickedUpMs = [.. jobIds.Select(id => Stopwatch.GetElapsedTime(signalled, pickedUp[id]).TotalMilliseconds)];
            return new Result(@case, inFlight, exitMs, new Stats(visibleMs), new Stats(pickedUpMs));
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task WaitAsync(Task task, Process child, ConcurrentQueue<string> output, string what)
    {
        try
        {
            await task.WaitAsync(StartTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The redelivery child did not get to '{what}' within {StartTimeout.TotalSeconds:F0} s " +
                $"(exited: {child.HasExited}):\n{string.Join('\n', output)}");
        }
    }

    private static async Task PeekAsync(CloudQueue queue, ConcurrentDictionary<string, long> visible, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var message in await queue.PeekMessagesAsync(JobDefaults.MaxBatchSize, null, null, stop).ConfigureAwait(false))
                {
                    visible.TryAdd((string)JObject.Parse(message.AsString)["jobId"]!, Stopwatch.GetTimestamp());
                }

                await Task.Delay(PeekInterval, stop).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (stop.IsCancellationRequested && exception is OperationCanceledException or StorageException)
        {
            // Done.
        }
    }

    /// <summary>
    /// The child: a processor whose handlers print their job id and then wait until cancelled; DrainTimeout 0, so a
    /// stop cancels them and releases their messages at once. SIGTERM cancels the supervisor's token.
    /// </summary>
    public static async Task<int> ChildMainAsync(string queue, int inFlight)
    {
        var storage = JobStorage.Create(Environment.GetEnvironmentVariable(StorageVariable) ?? string.Empty);
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var options = new QueueProcessorOptions { Name = "first", Queues = [queue], MaxConcurrency = inFlight, DrainTimeout = TimeSpan.Zero };
        var handler = new QueueJobs.Handler(LongType, async (context, cancellationToken) =>
        {
            Console.WriteLine(StartedMarker + context.JobId);
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        });
        await using var supervisor = new Supervisor(new SupervisorOptions(), NullLogger<Supervisor>.Instance);
        supervisor.Add(storage.CreateProcessor(options, [handler], NullLoggerFactory.Instance));
        Task<SupervisorOutcome> run = supervisor.RunAsync(stop.Token);
        Console.WriteLine(ReadyMarker);
        SupervisorOutcome outcome = await run.ConfigureAwait(false);
        return outcome.Kind == SupervisorOutcomeKind.Stopped ? 0 : 1;
    }

    private static string Format(List<Result> results, int inFlight, MachineLoad load)
    {
        Result graceful = results[0];
        Result killed = results[1];
        var text = new StringBuilder();
        text.AppendLine("### 6. Redelivery after a worker goes away with jobs in flight");
        text.AppendLine();
        text.AppendLine(load.Describe());
        text.AppendLine();
        text.AppendLine($"A child process (`{ChildVerb}`) runs a `QueueProcessor` (MaxConcurrency {inFlight}, DrainTimeout 0, other options default) " +
            $"whose handlers never finish; {inFlight} jobs are submitted and, once all {inFlight} handlers run, the child is signalled. " +
            $"A second `QueueProcessor` with default options runs in the harness on the same queue from the moment all {inFlight} were taken " +
            $"(idle {IdleBeforeStop.TotalSeconds:F0} s before the graceful stop, {PeekWarmUp.TotalSeconds:F0} s before the kill, so its polling has backed off to the 10 s maximum as a long-idle " +
            $"instance's has; after the kill it idles through the visibility timeout). \"Visible\": a {PeekInterval.TotalMilliseconds:F0} ms peek loop " +
            "first saw the message (or the second processor took it first). \"Picked up\": the second processor's handler started. " +
            "Times in ms from the signal; over the jobs: first, median, last.");
        text.AppendLine();
        text.AppendLine("| case | jobs | signal → child exited | visible again: first / median / last | picked up: first / median / last |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            text.AppendLine($"| {result.Case.Label} | {result.Jobs} | {Stats.Ms(result.ExitMs, 0)} | {Triple(result.VisibleMs)} | {Triple(result.PickedUpMs)} |");
        }

        text.AppendLine($"| killed ÷ graceful (last) | | | {Stats.Ratio(killed.VisibleMs.Max, graceful.VisibleMs.Max)} | {Stats.Ratio(killed.PickedUpMs.Max, graceful.PickedUpMs.Max)} |");
        text.AppendLine();
        bool atOnce = graceful.VisibleMs.Max <= ReleasedAtOnce.TotalMilliseconds;
        text.AppendLine($"Target (the issue: released at once; judged here as: every message visible again within {ReleasedAtOnce.TotalMilliseconds:F0} ms of the graceful stop): " +
            $"last visible after {Stats.Ms(graceful.VisibleMs.Max, 0)} ms against {Stats.Ms(killed.VisibleMs.Max, 0)} ms after a kill, **{Report.Verdict(atOnce)}**; " +
            $"all {inFlight} running again on the second processor after {Stats.Ms(graceful.PickedUpMs.Max, 0)} ms against {Stats.Ms(killed.PickedUpMs.Max, 0)} ms.");
        return text.ToString();

        static string Triple(Stats stats) => $"{Stats.Ms(stats.Min, 0)} / {Stats.Ms(stats.Median, 0)} / {Stats.Ms(stats.Max, 0)}";
    }

    private static readonly TimeSpan ReleasedAtOnce = TimeSpan.FromSeconds(1);
}
