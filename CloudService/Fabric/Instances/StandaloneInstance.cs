using BackgroundRoles.Fabric.StartupTasks;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Fabric.Instances;

/// <summary>
/// One start of one role instance with no emulator around it (<c>host</c>): the same steps as a start under
/// <see cref="LocalDeployment"/> (local resources prepared, startup tasks, the role process) but no control channel
/// and no restart: whoever runs it (a terminal, systemd, Kubernetes) restarts it by its exit code.
/// </summary>
/// <remarks>
/// A simple startup task that fails ends it with <see cref="RoleHostExitCodes.HostError"/> and says why. A stop
/// (<see cref="RunAsync"/>'s token) reaches the role as SIGTERM (Stopping, OnStop), then the tasks still running;
/// when the role exits on its own, foreground tasks keep the instance until they exit, as on the platform.
/// </remarks>
public sealed class StandaloneInstance(RoleInstanceSpec spec, FabricLayout layout, Action<string> say)
{
    public string InstanceId => spec.Descriptor.InstanceId;

    /// <summary>Runs the start until the role exits or <paramref name="stop"/> fires; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        RoleProcess.PrepareLocalResources(spec);
        using var tasks = await StartupTaskSet.RunAsync(spec, Say, TimeProvider.System, stop).ConfigureAwait(false);
        try
        {
            if (tasks.Failure is { } failure)
            {
                foreach (var line in failure.Split(Environment.NewLine))
                {
                    Say(line);
                }

                return RoleHostExitCodes.HostError;
            }

            if (stop.IsCancellationRequested)
            {
                return RoleHostExitCodes.Stopped;
            }

            var exitCode = await RunRoleAsync(stop).ConfigureAwait(false);
            if (!stop.IsCancellationRequested && tasks.Foreground.Count > 0)
            {
                Say($"waiting for {tasks.Foreground.Count} foreground startup task(s) to exit");
                await tasks.WaitForForegroundAsync(stop).ConfigureAwait(false);
            }

            return exitCode;
        }
        finally
        {
            await tasks.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<int> RunRoleAsync(CancellationToken stop)
    {
        using var process = RoleProcess.Start(spec, layout.InstanceDirectory(InstanceId));
        Say($"started as process {process.ProcessId}; log file {Path.Combine(layout.LogDirectory, InstanceId + ".log")}");
        foreach (var endpoint in spec.Descriptor.Endpoints)
        {
            Say($"endpoint {endpoint.Name} at {endpoint.Url}");
        }

        var exited = process.WaitForExitAsync();
        var stopped = Task.Delay(Timeout.Infinite, stop);
        if (await Task.WhenAny(exited, stopped).ConfigureAwait(false) != exited)
        {
            process.RequestStop();
            var budget = new RoleInstanceEnvironment(spec.Descriptor).StopBudget + FabricDefaults.KillGrace;
            if (await Task.WhenAny(exited, Task.Delay(budget, CancellationToken.None)).ConfigureAwait(false) != exited)
            {
                Say($"did not stop within {budget.TotalSeconds:F0} s; ending it");
                process.Kill();
            }
        }

        var exitCode = await exited.ConfigureAwait(false);
        Say($"exited with code {exitCode} ({LocalDeployment.Describe(exitCode)})");
        return exitCode;
    }

    private void Say(string line) => say($"{InstanceId}: {line}");
}
