using System.ComponentModel;
using System.Diagnostics;
using BackgroundRoles.Fabric.Internal;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.StartupTasks;

/// <summary>
/// One startup task as a child process: its command line through <c>/bin/sh -c</c> in the role's approot (<see cref="RoleFiles.StartupDirectory"/>), its
/// csdef variables in its environment, each output line shown with the instance and task number, the last
/// lines of its standard error kept for the failure message.
/// </summary>
internal sealed class StartupTaskProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastErrors = new();
    private readonly Lock _gate = new();

    private StartupTaskProcess(Process process, StartupTask task, int number)
    {
        _process = process;
        Task = task;
        Number = number;
    }

    public StartupTask Task { get; }

    /// <summary>The task's position in the csdef, from 1.</summary>
    public int Number { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the task wrote to standard error.</summary>
    public IReadOnlyList<string> LastErrorLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lastErrors];
            }
        }
    }

    /// <summary>Starts the task; throws <see cref="Win32Exception"/> when /bin/sh cannot be started.</summary>
    public static StartupTaskProcess Start(StartupTask task, int number, string workingDirectory, IReadOnlyDictionary<string, string> variables, Action<string> say)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(task.CommandLine);
        foreach (var (name, value) in variables)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var started = new StartupTaskProcess(process, task, number);
        process.OutputDataReceived += (_, e) => started.OnLine(e.Data, isError: false, say);
        process.ErrorDataReceived += (_, e) => started.OnLine(e.Data, isError: true, say);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the task to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM to the task and what it started; SIGKILL after <paramref name="grace"/> or when <paramref name="kill"/> fires.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken kill)
    {
        if (_process.HasExited)
        {
            return;
        }

        // Read the tree first: once the shell dies its children are no longer below it.
        var tree = ProcessTree.Of(_process.Id);
        foreach (var pid in tree)
        {
            NativeMethods.TrySignal(pid, NativeMethods.SigTerm);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(kill);
        timeout.CancelAfter(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Past its grace: end it and whatever it started.
            foreach (var pid in tree)
            {
                NativeMethods.TrySignal(pid, NativeMethods.SigKill);
            }
        }
    }

    public void Dispose() => _process.Dispose();

    private void OnLine(string? line, bool isError, Action<string> say)
    {
        if (line is null)
        {
            return;
        }

        if (isError)
        {
            lock (_gate)
            {
                _lastErrors.Enqueue(line);
                while (_lastErrors.Count > FabricDefaults.StartupTaskErrorLines)
                {
                    _lastErrors.Dequeue();
                }
            }
        }

        say($"[task {Number}] {line}");
    }
}
