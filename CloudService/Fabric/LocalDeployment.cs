using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Every instance of every role of a service model, each as its own process, kept running the way the fabric
/// does: an instance that exits (a recycle, a crash) is started again after a crash-loop backoff, until the
/// deployment stops; then each instance gets SIGTERM (Stopping, OnStop) and its stop budget.
/// </summary>
public sealed class LocalDeployment(ServiceDefinition definition, ServiceConfiguration configuration, FabricLayout layout, TextWriter output)
{
    /// <summary>The first restart of a failing instance waits this long; each quick failure doubles it.</summary>
    public static readonly TimeSpan InitialRestartDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between restarts of an instance in a crash loop.</summary>
    public static readonly TimeSpan MaxRestartDelay = TimeSpan.FromMinutes(1);

    /// <summary>An instance that ran this long before it exited starts its backoff again from the beginning.</summary>
    public static readonly TimeSpan HealthyRun = TimeSpan.FromMinutes(1);

    /// <summary>How long after an instance's stop budget the fabric waits before it ends the process.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    private readonly Lock _outputGate = new();

    public string DeploymentId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Builds every instance's spec; returns the problems instead when any instance cannot be built.</summary>
    public (IReadOnlyList<RoleInstanceSpec> Specs, IReadOnlyList<string> Errors) Plan()
    {
        var ports = new PortAllocator();
        var builder = new RoleInstanceBuilder(layout, ports);
        var specs = new List<RoleInstanceSpec>();
        var errors = new List<string>();
        foreach (var role in definition.Roles.Where(r => r.Kind != RoleKind.Module))
        {
            var count = configuration.FindRole(role.Name)?.InstanceCount ?? 1;
            for (var index = 0; index < count; index++)
            {
                var (spec, problems) = builder.Build(definition, configuration, role, index, DeploymentId);
                errors.AddRange(problems);
                if (spec is not null)
                {
                    specs.Add(spec);
                }
            }
        }

        return (specs, errors);
    }

    /// <summary>Runs the instances until <paramref name="stop"/> is cancelled, then stops them all.</summary>
    public async Task RunAsync(IReadOnlyList<RoleInstanceSpec> specs, CancellationToken stop)
    {
        await Task.WhenAll(specs.Select(spec => KeepRunningAsync(spec, stop))).ConfigureAwait(false);
    }

    private async Task KeepRunningAsync(RoleInstanceSpec spec, CancellationToken stop)
    {
        var id = spec.Descriptor.InstanceId;
        var delay = InitialRestartDelay;
        while (!stop.IsCancellationRequested)
        {
            var started = TimeProvider.System.GetTimestamp();
            using var process = RoleProcess.Start(spec, layout.InstanceDirectory(id));
            Say($"{id}: starting (process {process.ProcessId}){Endpoints(spec)}");
            var exited = process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stop)).ConfigureAwait(false);
            if (!exited.IsCompleted)
            {
                process.RequestStop();
                var budget = spec.Descriptor.StopBudget + KillGrace;
                if (await Task.WhenAny(exited, Task.Delay(budget, CancellationToken.None)).ConfigureAwait(false) != exited)
                {
                    Say($"{id}: did not stop within {budget.TotalSeconds:F0} s; ending it");
                    process.Kill();
                }

                Say($"{id}: stopped (exit code {await exited.ConfigureAwait(false)})");
                return;
            }

            var exitCode = await exited.ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                // Ctrl+C in a terminal reaches the instances too; they stopped on their own.
                Say($"{id}: stopped (exit code {exitCode})");
                return;
            }

            if (TimeProvider.System.GetElapsedTime(started) >= HealthyRun)
            {
                delay = InitialRestartDelay;
            }

            Say($"{id}: exited with code {exitCode} ({Describe(exitCode)}); starting again in {delay.TotalSeconds:F0} s");
            try
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
        }
    }

    public static string Describe(int exitCode) => exitCode switch
    {
        RoleHostExitCodes.Stopped => "stopped",
        RoleHostExitCodes.OnStartFailed => "OnStart returned false",
        RoleHostExitCodes.UnhandledException => "unhandled exception in OnStart or Run",
        RoleHostExitCodes.StopBudgetExceeded => "OnStop ran past the stop budget",
        RoleHostExitCodes.Recycle => "recycle requested: Run returned, RequestRecycle or a cancelled Changing",
        RoleHostExitCodes.HostError => "the role could not be started",
        _ => "ended",
    };

    private static string Endpoints(RoleInstanceSpec spec) =>
        string.Concat(spec.Descriptor.Endpoints.Select(e => $"; {e.Name} at {(e.Protocol is "http" or "https" ? e.Protocol : "tcp")}://{e.Address}:{e.Port}/"));

    private void Say(string line)
    {
        lock (_outputGate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
