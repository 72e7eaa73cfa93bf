using System.Net;
using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Internal;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Runtime.Tests.Hosting;

/// <summary>
/// The probe server over a real socket, beside a real <see cref="RoleInstanceHost"/>: what the role's supervisor
/// publishes (Escalated, Frozen) reaches <c>/live</c> and <c>/ready</c>; the options name a bad variable.
/// </summary>
[TestClass]
public sealed class ProbeServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Live_SupervisorEscalated_Is503UntilItRunsAgain()
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create());
        var host = new RoleInstanceHost(environment, new IdleRole(), NullLogger.Instance, TimeProvider.System);
        using var probes = ProbeServer.Start(host, environment, new ProbeOptions(IPAddress.Loopback, 0, FrozenReady: false), NullLogger.Instance, TimeProvider.System);
        using var http = new HttpClient { Timeout = Timeout };

        Assert.AreEqual(HttpStatusCode.OK, await StatusOfAsync(http, probes.Port, "/live"));
        environment.PublishHealth(new SupervisorHealthReport(SupervisorState.Escalated, []));
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, await StatusOfAsync(http, probes.Port, "/live"));
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, await StatusOfAsync(http, probes.Port, "/ready"), "never Ready before OnStart");
    }

    [TestMethod]
    [DataRow(false, HttpStatusCode.ServiceUnavailable)]
    [DataRow(true, HttpStatusCode.OK)]
    public async Task Ready_SupervisorFrozen_FollowsFrozenReady(bool frozenReady, HttpStatusCode expected)
    {
        var environment = new RoleInstanceEnvironment(TestDescriptors.Create() with { ControlChannel = null, StatusCheckInterval = TimeSpan.FromHours(1) });
        var host = new RoleInstanceHost(environment, new IdleRole(), NullLogger.Instance, TimeProvider.System);
        using var probes = ProbeServer.Start(host, environment, new ProbeOptions(IPAddress.Loopback, 0, frozenReady), NullLogger.Instance, TimeProvider.System);
        using var http = new HttpClient { Timeout = Timeout };
        var run = Task.Run(host.Run);
        using var reached = new CancellationTokenSource(Timeout);
        while (await StatusOfAsync(http, probes.Port, "/ready") != HttpStatusCode.OK)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), reached.Token);
        }

        environment.PublishHealth(new SupervisorHealthReport(SupervisorState.Frozen, []));

        Assert.AreEqual(expected, await StatusOfAsync(http, probes.Port, "/ready"));
        host.RequestStop("test");
        Assert.AreEqual(RoleHostExitCodes.Stopped, await run.WaitAsync(Timeout));
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, await StatusOfAsync(http, probes.Port, "/ready"), "Stopping");
    }

    [TestMethod]
    [DataRow("BACKGROUNDROLES_PROBE_PORT", "0")]
    [DataRow("BACKGROUNDROLES_PROBE_PORT", "http")]
    [DataRow("BACKGROUNDROLES_PROBE_ADDRESS", "localhost")]
    [DataRow("BACKGROUNDROLES_PROBE_FROZEN_READY", "yes")]
    public void Read_BadValue_ErrorNamesTheVariable(string variable, string value)
    {
        var values = new Dictionary<string, string> { [ProbeOptions.PortVariable] = "8080", [variable] = value };

        var options = ProbeOptions.Read(name => values.GetValueOrDefault(name), out var error);

        Assert.IsNull(options);
        Assert.IsNotNull(error);
        Assert.StartsWith($"{variable}='{value}'", error);
    }

    [TestMethod]
    public void Read_NoPort_IsNullWithoutError()
    {
        var options = ProbeOptions.Read(_ => null, out var error);

        Assert.IsNull(options);
        Assert.IsNull(error);
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, int port, string path)
    {
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
        return response.StatusCode;
    }

    private sealed class IdleRole : RoleEntryPoint
    {
        private readonly ManualResetEventSlim _stopped = new();

        public override void Run() => _stopped.Wait();

        public override void OnStop() => _stopped.Set();
    }
}
