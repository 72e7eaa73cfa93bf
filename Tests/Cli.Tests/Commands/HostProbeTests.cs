using System.Net;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// The probes of a standalone instance through the real CLI and a real role process (LifecycleRole): <c>GET /ready</c>
/// follows OnStart, StatusCheck, Freeze and the stop; <c>GET /live</c> answers while the process runs.
/// </summary>
[TestClass]
public sealed class HostProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private LifecycleService _service = null!;
    private HttpClient _http = null!;

    [TestInitialize]
    public void Create()
    {
        _service = new LifecycleService();
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TestCleanup]
    public void Delete()
    {
        _http.Dispose();
        _service.Dispose();
    }

    [TestMethod]
    public async Task Host_ProbePort_ReadyIsBusyDuringOnStartThenReady()
    {
        var port = Loopback.FreePorts(1);
        _service.Write("slow-onstart", stopBudget: "30");
        using var cli = Start(port);

        var (code, _) = await WaitForAnswerAsync(port, "/ready", (_, b) => b == "Busy");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, code, cli.Output);
        Assert.IsFalse(cli.Lines.Contains("marker: Run"), "OnStart was still running: " + cli.Output);
        Assert.AreEqual((HttpStatusCode.OK, "Live"), await GetAsync(port, "/live"), cli.Output);

        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);
        var (_, body) = await WaitForAnswerAsync(port, "/ready", (c, _) => c == HttpStatusCode.OK);
        Assert.AreEqual("Ready", body, cli.Output);
        await StopAsync(cli);
    }

    [TestMethod]
    public async Task Host_Sigterm_ReadyIsStoppingWhileOnStopRunsWithinTheBudget()
    {
        var port = Loopback.FreePorts(1);
        _service.Write("slow-onstop", stopBudget: "3");
        using var cli = Start(port);
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);
        await WaitForAnswerAsync(port, "/ready", (c, _) => c == HttpStatusCode.OK);

        cli.Signal("TERM");
        await cli.WaitForLineAsync(l => l == "marker: OnStop", Timeout);
        Assert.AreEqual((HttpStatusCode.ServiceUnavailable, "Stopping"), await GetOrFailAsync(port, "/ready", cli), cli.Output);
        Assert.AreEqual(4, await cli.WaitForExitAsync(Timeout), "OnStop sleeps past the 3 s budget: exit 4. " + cli.Output);
    }

    [TestMethod]
    public async Task Host_StatusCheckBusy_ReadyIs503BusyAndLiveIs200()
    {
        var port = Loopback.FreePorts(1);
        _service.Write("run-forever", stopBudget: "30", busy: "true");
        using var cli = Start(port);
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        // The first StatusCheck runs as Run starts; a role that ignored Busy would be Ready within these polls.
        for (var poll = 0; poll < 10; poll++)
        {
            Assert.AreEqual((HttpStatusCode.ServiceUnavailable, "Busy"), await GetAsync(port, "/ready"), cli.Output);
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.AreEqual((HttpStatusCode.OK, "Live"), await GetAsync(port, "/live"), cli.Output);
        await StopAsync(cli);
    }

    [TestMethod]
    [DataRow(false, HttpStatusCode.ServiceUnavailable, "Frozen")]
    [DataRow(true, HttpStatusCode.OK, "Ready")]
    public async Task Host_FreezeTrue_ReadyFollowsFrozenReadyOption(bool frozenReady, HttpStatusCode expected, string expectedBody)
    {
        var port = Loopback.FreePorts(1);
        _service.Write("run-forever", stopBudget: "30", freeze: "true");
        using var cli = Start(port, frozenReady ? ["--probe-frozen-ready"] : []);
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        var answer = await WaitForAnswerAsync(port, "/ready", (_, b) => b != "Busy" && b != "Starting");
        Assert.AreEqual((expected, expectedBody), answer, cli.Output);
        await StopAsync(cli);
    }

    [TestMethod]
    public async Task Host_ProbePortEnvironmentVariable_ServesProbes()
    {
        var port = Loopback.FreePorts(1);
        _service.Write("run-forever", stopBudget: "30");
        using var cli = CliProcess.Start(_service.Directory, new Dictionary<string, string> { ["BACKGROUNDROLES_PROBE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Arguments());
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        Assert.AreEqual((HttpStatusCode.OK, "Ready"), await WaitForAnswerAsync(port, "/ready", (c, _) => c == HttpStatusCode.OK), cli.Output);
        Assert.AreEqual(HttpStatusCode.NotFound, (await GetAsync(port, "/other")).Code, cli.Output);
        await StopAsync(cli);
    }

    [TestMethod]
    public async Task Host_NoProbePort_NothingListens()
    {
        var port = Loopback.FreePorts(1);
        _service.Write("run-forever", stopBudget: "30");
        using var cli = CliProcess.Start(_service.Directory, new Dictionary<string, string> { ["BACKGROUNDROLES_PROBE_PORT"] = string.Empty }, Arguments());
        await cli.WaitForLineAsync(l => l == "marker: Run", Timeout);

        await Assert.ThrowsExactlyAsync<HttpRequestException>(() => _http.GetAsync(Url(port, "/live")));
        Assert.IsFalse(cli.Lines.Any(l => l.Contains("Probes", StringComparison.Ordinal)), cli.Output);
        await StopAsync(cli);
    }

    [TestMethod]
    [DataRow("--probe-port", "70000", "--probe-port '70000' is not a TCP port")]
    [DataRow("--probe-address", "localhost:1", "--probe-address 'localhost:1' is not an IP address")]
    public async Task Host_BadProbeOption_ExitsWithUsageCodeNamingIt(string option, string value, string expected)
    {
        _service.Write("run-forever", stopBudget: "30");
        string[] probe = option == "--probe-port" ? [option, value] : ["--probe-port", "20000", option, value];
        var (exitCode, cli) = await CliProcess.RunAsync(_service.Directory, Timeout, [.. Arguments(), .. probe]);
        using var ended = cli;

        Assert.AreEqual(2, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains(expected, StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Host_ProbeFrozenReadyWithoutPort_ExitsWithUsageCode()
    {
        _service.Write("run-forever", stopBudget: "30");
        var (exitCode, cli) = await CliProcess.RunAsync(_service.Directory, Timeout, [.. Arguments(), "--probe-frozen-ready"]);
        using var ended = cli;

        Assert.AreEqual(2, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.Contains("--probe-frozen-ready needs --probe-port", StringComparison.Ordinal)), cli.Output);
    }

    private string[] Arguments() =>
        ["host", "--role", "LifecycleRole", "--csdef", "ServiceDefinition.csdef", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", _service.StateDirectory];

    private CliProcess Start(int port, params string[] extra) =>
        CliProcess.Start(_service.Directory, [.. Arguments(), "--probe-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);

    private static Uri Url(int port, string path) => new($"http://127.0.0.1:{port}{path}");

    private async Task<(HttpStatusCode Code, string Body)> GetAsync(int port, string path)
    {
        using var response = await _http.GetAsync(Url(port, path));
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }

    private async Task<(HttpStatusCode Code, string Body)> GetOrFailAsync(int port, string path, CliProcess cli)
    {
        try
        {
            return await GetAsync(port, path);
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"{path}: {e.Message}{Environment.NewLine}{cli.Output}");
            return default;
        }
    }

    /// <summary>Polls until the probe answers as <paramref name="wanted"/> says (connection refused while the role process starts).</summary>
    private async Task<(HttpStatusCode Code, string Body)> WaitForAnswerAsync(int port, string path, Func<HttpStatusCode, string, bool> wanted)
    {
        var deadline = DateTime.UtcNow + Timeout;
        (HttpStatusCode, string)? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var answer = await GetAsync(port, path);
                last = answer;
                if (wanted(answer.Code, answer.Body))
                {
                    return answer;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail($"{path} never answered as expected; last: {last}");
        return default;
    }

    private static async Task StopAsync(CliProcess cli)
    {
        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(Timeout), cli.Output);
    }
}
