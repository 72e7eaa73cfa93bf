using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Support;

/// <summary>
/// A LifecycleRole service for the slot verbs (deploy, swap, delete): one HTTP input endpoint, <c>Web</c>, on a free
/// port, served by the role's HTTP echo (the instance id, and the deployment id in a header); <c>run</c> puts v1 in
/// production; other cscfgs (and a csdef whose endpoint has another port) can be written for staging.
/// </summary>
internal sealed partial class SlotService : IDisposable
{
    public const string DeploymentHeader = "X-Deployment-Id";

    public const string EchoHeader = "X-Echo";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly LifecycleService _service = new();
    private CliProcess? _run;

    public SlotService(string behavior = "run-forever", int instances = 1)
    {
        ProductionPort = Loopback.FreePorts(1);
        _service.Write(behavior, "10", instances, endpoints: Endpoint(ProductionPort));
        _service.WriteConfiguration("ServiceConfiguration.cscfg", behavior, "10", instances, httpEcho: "Web");
    }

    /// <summary>The csdef's port of the Web endpoint: production's address.</summary>
    public int ProductionPort { get; }

    public string Directory => _service.Directory;

    public string StateDirectory => _service.StateDirectory;

    public CliProcess Run => _run ?? throw new InvalidOperationException("Not started.");

    /// <summary>Writes a cscfg for a version of the role that behaves as <paramref name="behavior"/> and answers with <paramref name="echo"/> in <c>X-Echo</c>.</summary>
    public void WriteVersion(string cscfg, string behavior, int instances = 1, string echo = "one") =>
        _service.WriteConfiguration(cscfg, behavior, "10", instances, httpEcho: "Web", echo: echo);

    /// <summary>Writes a copy of the csdef whose Web endpoint asks for another port.</summary>
    public void WriteDefinitionWithAnotherPort(string csdef)
    {
        var text = File.ReadAllText(Path.Combine(Directory, "ServiceDefinition.csdef"));
        var other = Loopback.FreePorts(1, besides: ProductionPort);
        File.WriteAllText(Path.Combine(Directory, csdef), text.Replace(Endpoint(ProductionPort), Endpoint(other), StringComparison.Ordinal));
    }

    /// <summary>Starts <c>run</c> (v1 in production) and waits until its instances are Ready.</summary>
    public async Task StartAsync()
    {
        _run = CliProcess.Start(Directory, "run", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", _service.StateDirectory);
        await _run.WaitForLineAsync(l => l.StartsWith("All ", StringComparison.Ordinal) && l.Contains(" Ready in ", StringComparison.Ordinal), Timeout);
    }

    public async Task<(int ExitCode, CliProcess Cli)> CliAsync(params string[] arguments) =>
        await CliProcess.RunAsync(Directory, Timeout, [.. arguments, "--state-dir", _service.StateDirectory]);

    /// <summary><c>status --json</c>, parsed.</summary>
    public async Task<JsonElement> StatusAsync()
    {
        var (exitCode, cli) = await CliAsync("status", "--json");
        using var _ = cli;
        Assert.AreEqual(0, exitCode, cli.Output);
        return JsonDocument.Parse(cli.Output).RootElement.Clone();
    }

    /// <summary>The port of the staging slot's Web endpoint, as <c>deploy</c> printed it.</summary>
    public static int StagingPort(CliProcess deploy) =>
        int.Parse(EndpointLine().Match(deploy.Output).Groups["port"].Value, CultureInfo.InvariantCulture);

    /// <summary>Which deployment, and which version of it (its <c>X-Echo</c>), answers a GET on <paramref name="port"/>.</summary>
    public static async Task<(string DeploymentId, string Echo)> VersionAtAsync(HttpClient http, int port)
    {
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        response.EnsureSuccessStatusCode();
        return (response.Headers.GetValues(DeploymentHeader).Single(), response.Headers.GetValues(EchoHeader).Single());
    }

    /// <summary>Which deployment answers a GET on <paramref name="port"/>.</summary>
    public static async Task<string> DeploymentAtAsync(HttpClient http, int port)
    {
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues(DeploymentHeader).Single();
    }

    public void Dispose()
    {
        if (_run is not null)
        {
            _run.Signal("TERM");
            try
            {
                _run.WaitForExitAsync(Timeout).GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
                // Disposing kills it.
            }

            _run.Dispose();
        }

        _service.Dispose();
    }

    private static string Endpoint(int port) => $"""<InputEndpoint name="Web" protocol="http" port="{port}" />""";

    [GeneratedRegex(@"LifecycleRole/Web: http://127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex EndpointLine();
}
