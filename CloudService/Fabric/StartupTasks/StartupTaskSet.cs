using System.ComponentModel;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.StartupTasks;

/// <summary>
/// The startup tasks of one start of one instance, as on the platform: simple tasks one after another in csdef
/// order, each must exit 0 or the instance does not start; background and foreground tasks are started and not
/// awaited. The instance is not stopped or recycled while a foreground task runs; on a stop every task still
/// running gets SIGTERM.
/// </summary>
internal sealed class StartupTaskSet : IDisposable
{
    private readonly List<StartupTaskProcess> _running = [];

    private StartupTaskSet()
    {
    }

    /// <summary>Why the instance cannot start (a simple task failed), with the task's last error lines; null when it can.</summary>
    public string? Failure { get; private set; }

    public IReadOnlyList<StartupTaskProcess> Foreground => [.. _running.Where(t => t.Task.TaskType == StartupTaskType.Foreground && !t.HasExited)];

    /// <summary>Runs the simple tasks and starts the others; stops early (leaving <see cref="Failure"/> null) when <paramref name="stop"/> fires.</summary>
    public static async Task<StartupTaskSet> RunAsync(RoleInstanceSpec spec, Action<string> say, TimeProvider time, CancellationToken stop)
    {
        var set = new StartupTaskSet();
        var tasks = spec.StartupTasks;
        for (var index = 0; index < tasks.Count && !stop.IsCancellationRequested; index++)
        {
            var task = tasks[index];
            var number = index + 1;
            var variables = EnvironmentResolver.Resolve(task.Environment, spec.Descriptor, new List<string>());
            var kind = task.TaskType.ToString().ToLowerInvariant();
            say($"startup task {number}/{tasks.Count} ({kind}): {task.CommandLine}");
            if (task.ExecutionContext == TaskExecutionContext.Elevated)
            {
                say(Environment.UserName == "root"
                    ? $"startup task {number} asks for executionContext=elevated: it runs as root because the emulator does"
                    : $"startup task {number} asks for executionContext=elevated: it runs as '{Environment.UserName}', not root (the emulator does not elevate)");
            }

            StartupTaskProcess process;
            try
            {
                process = StartupTaskProcess.Start(task, number, spec.StartupDirectory, variables, say);
            }
            catch (Win32Exception e)
            {
                set.Failure = $"startup task {number} ({task.CommandLine}) could not be started: {e.Message}";
                return set;
            }

            set._running.Add(process);
            if (task.TaskType != StartupTaskType.Simple)
            {
                continue;
            }

            var started = time.GetTimestamp();
            int exitCode;
            try
            {
                exitCode = await process.WaitForExitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return set;
            }

            if (exitCode != 0)
            {
                var lines = process.LastErrorLines;
                set.Failure = $"startup task {number} ({task.CommandLine}) exited with code {exitCode}; the instance does not start"
                    + (lines.Count == 0 ? " (nothing on standard error)" : ". Last lines of its standard error:" + string.Concat(lines.Select(l => Environment.NewLine + "    " + l)));
                return set;
            }

            say($"startup task {number} done in {time.GetElapsedTime(started).TotalSeconds:F1} s");
        }

        return set;
    }

    /// <summary>Waits until every foreground task has exited, or <paramref name="stop"/> fires.</summary>
    public async Task WaitForForegroundAsync(CancellationToken stop)
    {
        try
        {
            await Task.WhenAll(Foreground.Select(t => t.WaitForExitAsync(stop))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The deployment is stopping: the caller stops the tasks.
        }
    }

    /// <summary>SIGTERM to every task still running, SIGKILL after the grace or when <paramref name="kill"/> fires.</summary>
    public Task StopAsync(CancellationToken kill) =>
        Task.WhenAll(_running.Where(t => !t.HasExited).Select(t => t.StopAsync(FabricDefaults.StartupTaskStopGrace, kill)));

    public void Dispose()
    {
        foreach (var process in _running)
        {
            process.Dispose();
        }
    }
}
