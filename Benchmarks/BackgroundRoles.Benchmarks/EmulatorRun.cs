using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// One <c>./cloudservice run --csdef C --cscfg F --state-dir S</c> of a <see cref="BenchmarkService"/>, its stdout
/// lines timestamped (<see cref="TimedProcess"/>); what <c>status --json</c> shows, read from the same control API
/// (control.json in the state folder, its token); and its stop with <c>./cloudservice stop --state-dir S</c>.
/// </summary>
internal sealed class EmulatorRun : IDisposable
{
    /// <summary>The line <c>run</c> prints once the load balancer and the control API listen.</summary>
    public const string ControlLine = "Control API at ";

    /// <summary>The line <c>run</c> prints first, once the model is loaded and the instances are planned.</summary>
    public const string DeploymentLine = "Deployment ";

    /// <summary>What the script prints when it rebuilds the service before running the CLI.</summary>
    public const string Rebuilding = "cloudservice: building the service";

    private const string BalancerLine = " (load balancer: requests go to Ready instances only)";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    private EmulatorRun(BenchmarkService service, string stateDirectory, TimedProcess process)
    {
        Service = service;
        StateDirectory = stateDirectory;
        Process = process;
    }

    public BenchmarkService Service { get; }

    public string StateDirectory { get; }

    public TimedProcess Process { get; }

    /// <summary>Starts <c>run</c> with a fresh state folder.</summary>
    public static EmulatorRun Start(BenchmarkService service)
    {
        string state = service.NewStateDirectory();
        return new EmulatorRun(service, state, service.Start(["run", "--csdef", service.Csdef, "--cscfg", service.Cscfg, "--state-dir", state], ControlLine));
    }

    /// <summary>The line marker of an instance's first Ready after each start of its process: <c>ID: Ready in X s</c>.</summary>
    public static string ReadyIn(string instanceId) => $"{instanceId}: Ready in ";

    /// <summary>Waits until every instance has printed <c>Ready in</c> at or after <paramref name="after"/>; their times by instance.</summary>
    public async Task<Dictionary<string, TimeSpan>> WaitReadyAsync(IEnumerable<string> instanceIds, TimeSpan after, TimeSpan timeout)
    {
        var waits = instanceIds.ToDictionary(id => id, id => Process.WaitForLineAsync(ReadyIn(id), after, timeout));
        await Task.WhenAll(waits.Values).ConfigureAwait(false);
        var missing = waits.Where(wait => wait.Value.Result is null).Select(wait => wait.Key).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"`./cloudservice run`: {string.Join(", ", missing)} not Ready within {timeout.TotalSeconds:F0} s.\n{Process.Transcript()}");
        }

        return waits.ToDictionary(wait => wait.Key, wait => wait.Value.Result!.Value);
    }

    /// <summary>The seconds an instance's own <c>Ready in X s</c> line states, for its first Ready at or after <paramref name="after"/>.</summary>
    public double? StatedReadySeconds(string instanceId, TimeSpan after)
    {
        string marker = ReadyIn(instanceId);
        string? line = Process.Lines.Where(entry => entry.At >= after && entry.Line.Contains(marker, StringComparison.Ordinal)).Select(entry => entry.Line).FirstOrDefault();
        return line is null ? null : double.Parse(line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The load balancer's URL of a public endpoint, as <c>run</c> printed it (<c>Role/Endpoint: URL (load balancer...</c>).</summary>
    public Uri PublicUrl(string name)
    {
        string prefix = name + ": ";
        string line = Process.Lines.Select(entry => entry.Line).FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal) && line.EndsWith(BalancerLine, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"`./cloudservice run` printed no URL for {name}.\n{Process.Transcript()}");
        return new Uri(line[prefix.Length..^BalancerLine.Length]);
    }

    /// <summary>What <c>./cloudservice status --json</c> prints, from the same control API (GET status with the token of control.json).</summary>
    public async Task<DeploymentSnapshot> StatusAsync()
    {
        var endpoint = ControlEndpoint.Read(StateDirectory, out string? problem) ?? throw new InvalidOperationException(problem);
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
        return await http.GetFromJsonAsync<DeploymentSnapshot>("status", ControlJson.Options).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The control API answered no status.");
    }

    /// <summary>Every instance of the status, by id.</summary>
    public async Task<Dictionary<string, InstanceSnapshot>> InstancesAsync() =>
        (await StatusAsync().ConfigureAwait(false)).Roles.SelectMany(role => role.Instances).ToDictionary(instance => instance.InstanceId);

    /// <summary>
    /// <c>./cloudservice stop --state-dir S</c>, then waits for <c>run</c> to exit: the time from starting <c>stop</c>
    /// to <c>run</c>'s exit, the exit codes of both, and whether the script rebuilt the service for either.
    /// </summary>
    public async Task<(TimeSpan StopTime, int StopExitCode, int RunExitCode, bool Rebuilt)> StopAsync()
    {
        TimeSpan started = Process.Elapsed;
        using var stop = Service.Start(["stop", "--state-dir", StateDirectory], "stopped in");
        int stopExit = await stop.WaitForExitAsync(StopTimeout).ConfigureAwait(false);
        int runExit = await Process.WaitForExitAsync(StopTimeout).ConfigureAwait(false);
        TimeSpan stopTime = Process.Elapsed - started;
        bool rebuilt = stop.StandardError.Contains(Rebuilding, StringComparison.Ordinal) || Process.StandardError.Contains(Rebuilding, StringComparison.Ordinal);
        if (stopExit != 0)
        {
            throw new InvalidOperationException($"`./cloudservice stop` exited with {stopExit}:\n{stop.Transcript()}");
        }

        return (stopTime, stopExit, runExit, rebuilt);
    }

    public void Dispose() => Process.Dispose();
}
