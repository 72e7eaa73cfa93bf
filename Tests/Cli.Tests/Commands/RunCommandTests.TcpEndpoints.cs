using System.Net;
using System.Net.Sockets;
using System.Text;
using BackgroundRoles.Cli.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// TCP endpoints through <c>run</c>: a tcp input endpoint balanced per connection over the Ready instances, and an
/// instance input endpoint giving each instance a public port of its own (range min + N), followed through a scale up
/// and down; a udp input endpoint is reported, not balanced.
/// </summary>
public sealed partial class RunCommandTests
{
    [TestMethod]
    public async Task Run_TcpEndpoints_BalancedPerConnectionAndEachInstanceOnItsOwnPublicPort()
    {
        var range = Loopback.FreePorts(3);
        var tcpIn = Loopback.FreePorts(1, besides: range);
        using var service = new EmulatorService(instances: 2, tcpEcho: "TcpIn,Direct", endpoints: $"""
            <InputEndpoint name="TcpIn" protocol="tcp" port="{tcpIn}" />
            <InputEndpoint name="UdpIn" protocol="udp" port="{tcpIn + 1}" />
            <InstanceInputEndpoint name="Direct" protocol="tcp" localPort="9000">
              <AllocatePublicPortFrom><FixedPortRange min="{range}" max="{range + 2}" /></AllocatePublicPortFrom>
            </InstanceInputEndpoint>
            """);
        var run = await service.StartAsync();
        CollectionAssert.Contains(run.Lines.ToList(), $"LifecycleRole/TcpIn: tcp://127.0.0.1:{tcpIn}/ (load balancer: connections go to Ready instances only)");
        Assert.IsTrue(run.Lines.Any(l => l.StartsWith("warning: LifecycleRole/UdpIn: udp input endpoints are not load balanced", StringComparison.Ordinal)), run.Output);
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count(i => i.State == "Ready") == 2, "two Ready instances");

        var balanced = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            balanced.Add(await ExchangeAsync(tcpIn, "ping"));
        }

        CollectionAssert.AreEquivalent(
            new[] { "LifecycleRole_IN_0 TcpIn\nping", "LifecycleRole_IN_1 TcpIn\nping", "LifecycleRole_IN_0 TcpIn\nping", "LifecycleRole_IN_1 TcpIn\nping" },
            balanced,
            string.Join(" | ", balanced));
        Assert.AreEqual("LifecycleRole_IN_0 Direct\nhello", await ExchangeAsync(range, "hello"));
        Assert.AreEqual("LifecycleRole_IN_1 Direct\nhello", await ExchangeAsync(range + 1, "hello"));
        Assert.IsTrue(run.Lines.Any(l => l.StartsWith("marker: TcpEcho LifecycleRole_IN_1 Direct on ", StringComparison.Ordinal) && l.EndsWith($" public {range + 1}", StringComparison.Ordinal)), run.Output);
        await AssertStatusShowsPublicPortsAsync(service, tcpIn, range + 1);

        await ScaleAsync(service, 3);
        await run.WaitForLineAsync(l => l == $"LifecycleRole_IN_2/Direct: tcp://127.0.0.1:{range + 2}/ (instance input endpoint: connections go to LifecycleRole_IN_2 only)", Timeout);
        await service.WaitForStatusAsync(s => EmulatorService.Instances(s).Count(i => i.State == "Ready") == 3, "three Ready instances");
        Assert.AreEqual("LifecycleRole_IN_2 Direct\nscaled", await ExchangeAsync(range + 2, "scaled"));

        await ScaleAsync(service, 2);
        await run.WaitForLineAsync(l => l == $"LifecycleRole_IN_2/Direct: tcp://127.0.0.1:{range + 2}/ closed (LifecycleRole_IN_2 left)", Timeout);
        var refused = await Assert.ThrowsAsync<SocketException>(() => ExchangeAsync(range + 2, "gone"));
        Assert.AreEqual(SocketError.ConnectionRefused, refused.SocketErrorCode);

        // A connection still open through the balancer does not hold up the emulator's stop.
        using var open = await Loopback.ConnectAsync(tcpIn);
        var (stop, stopCli) = await service.CliAsync("stop");
        using (stopCli)
        {
            Assert.AreEqual(0, stop, stopCli.Output);
        }

        Assert.AreEqual(0, await run.WaitForExitAsync(Timeout), run.Output);
    }

    private static async Task AssertStatusShowsPublicPortsAsync(EmulatorService service, int balancedPort, int instanceOnePort)
    {
        var status = await service.StatusAsync();
        var endpoints = status.GetProperty("roles")[0].GetProperty("instances").EnumerateArray()
            .Single(i => i.GetProperty("instanceId").GetString() == "LifecycleRole_IN_1")
            .GetProperty("endpoints").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.AreEqual(balancedPort, endpoints["TcpIn"].GetProperty("publicPort").GetInt32(), status.ToString());
        Assert.AreEqual(instanceOnePort, endpoints["Direct"].GetProperty("publicPort").GetInt32(), status.ToString());
        Assert.AreNotEqual(instanceOnePort, endpoints["Direct"].GetProperty("port").GetInt32(), "the instance listens on a private port");

        var (exitCode, text) = await service.CliAsync("status");
        using (text)
        {
            Assert.AreEqual(0, exitCode, text.Output);
            Assert.IsTrue(text.Lines.Any(l => l.Contains("endpoint Direct: tcp://127.0.0.1:", StringComparison.Ordinal) && l.EndsWith($"(public tcp://127.0.0.1:{instanceOnePort}/)", StringComparison.Ordinal)), text.Output);
        }
    }

    private static async Task ScaleAsync(EmulatorService service, int count)
    {
        var (exitCode, cli) = await service.CliAsync("scale", "LifecycleRole", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using (cli)
        {
            Assert.AreEqual(0, exitCode, cli.Output);
        }
    }

    /// <summary>Connects, sends <paramref name="message"/>, ends its sending and reads all that comes back.</summary>
    private static async Task<string> ExchangeAsync(int port, string message)
    {
        using var client = await Loopback.ConnectAsync(port);
        using var cancellation = new CancellationTokenSource(Timeout);
        await client.SendAsync(Encoding.ASCII.GetBytes(message), cancellation.Token);
        client.Shutdown(SocketShutdown.Send);
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await client.ReceiveAsync(buffer, cancellation.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
