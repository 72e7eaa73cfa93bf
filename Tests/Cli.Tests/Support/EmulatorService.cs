using System.Text.Json;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Support;

/// <summary>
/// A temporary service of the LifecycleRole test role for the emulator (<c>run</c>) and its control verbs: a csdef
/// declaring the role's optional settings (CancelChanging, Busy, Echo, TcpEcho), startup tasks and endpoints when asked,
/// and a cscfg.
/// </summary>
internal sealed class EmulatorService : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private CliProcess? _run;

    private readonly LifecycleService _service = new();

    public EmulatorService(int instances = 1, string behavior = "run-forever", string cancelChanging = "false", string startupTasks = "", string stopBudget = "30", string endpoints = "", string tcpEcho = "", string? otherRoleEndpoints = null) =>
        _service.Write(behavior, stopBudget, instances, cancelChanging, startupTasks, endpoints, tcpEcho, otherRoleEndpoints);

    public string Directory => _service.Directory;

    public string StateDirectory => _service.StateDirectory;

    /// <summary>The running <c>run</c>, once <see cref="StartAsync"/> was called.</summary>
    public CliProcess Run => _run ?? throw new InvalidOperationException("Not started.");

    /// <summary>Writes another cscfg for the role (see <see cref="LifecycleService.WriteConfiguration"/>).</summary>
    public void WriteConfiguration(string fileName, int instances = 1, string echo = "one", string cancelChanging = "false", string extraSetting = "") =>
        _service.WriteConfiguration(fileName, "run-forever", "30", instances, echo: echo, cancelChanging: cancelChanging, extraSetting: extraSetting);

    /// <summary>Writes an executable script that a startup task runs as <c>StartupTasks/&lt;name&gt;</c>.</summary>
    public void WriteScript(string name, string body) => _service.WriteStartupScript(name, body);

    /// <summary>Starts <c>run</c> and waits until its control API is up.</summary>
    public async Task<CliProcess> StartAsync()
    {
        _run = CliProcess.Start(Directory, "run", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", StateDirectory);
        await _run.WaitForLineAsync(l => l.StartsWith("Control API at ", StringComparison.Ordinal), Timeout);
        return _run;
    }

    /// <summary>Runs a control verb against this service's emulator.</summary>
    public async Task<(int ExitCode, CliProcess Cli)> CliAsync(params string[] arguments)
    {
        var (exitCode, cli) = await CliProcess.RunAsync(Directory, Timeout, [.. arguments, "--state-dir", StateDirectory]);
        return (exitCode, cli);
    }

    /// <summary><c>status --json</c>, parsed.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        var (exitCode, cli) = await CliAsync("status", "--json");
        using var _ = cli;
        Assert.AreEqual(0, exitCode, cli.Output);
        return JsonDocument.Parse(cli.Output).RootElement.Clone();
    }

    /// <summary>The instances of the status, as (id, state) pairs.</summary>
    public static IReadOnlyList<(string Id, string State)> Instances(JsonElement status) =>
        [.. status.GetProperty("roles").EnumerateArray()
            .SelectMany(r => r.GetProperty("instances").EnumerateArray())
            .Select(i => (i.GetProperty("instanceId").GetString()!, i.GetProperty("state").GetString()!))];

    /// <summary>Polls <c>status --json</c> until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var status = await StatusAsync();
            if (done(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Never {what}. Status: {status}{Environment.NewLine}Run: {Run.Output}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Waits until <paramref name="count"/> lines equal <paramref name="line"/>.</summary>
    public async Task WaitForCountAsync(string line, int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (Run.Lines.Count(l => l == line) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} '{line}' lines: " + Run.Output);
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _run?.Dispose();
        _service.Dispose();
    }
}
