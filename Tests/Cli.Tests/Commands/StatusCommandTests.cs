using System.Net;
using BackgroundRoles.Cli.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice status</c> against a running emulator, and the control API's token check.</summary>
[TestClass]
public sealed class StatusCommandTests
{
    [TestMethod]
    public async Task Status_TwoInstances_ShowsBothReadyWithTheirDomains()
    {
        using var service = new EmulatorService(instances: 2);
        var run = await service.StartAsync();

        var status = await service.WaitForStatusAsync(s => EmulatorService.Instances(s).All(i => i.State == "Ready") && EmulatorService.Instances(s).Count == 2, "two Ready instances");
        var instances = status.GetProperty("roles")[0].GetProperty("instances");
        Assert.AreEqual(1, instances[1].GetProperty("updateDomain").GetInt32());
        Assert.AreEqual(1, instances[1].GetProperty("faultDomain").GetInt32());
        Assert.AreEqual(0, instances[0].GetProperty("restarts").GetInt32());
        Assert.IsTrue(run.Lines.Any(l => l.StartsWith("LifecycleRole_IN_1: Ready in ", StringComparison.Ordinal)), run.Output);

        var (exitCode, text) = await service.CliAsync("status");
        using (text)
        {
            Assert.AreEqual(0, exitCode, text.Output);
            Assert.IsTrue(text.Lines.Any(l => l.Contains("LifecycleRole_IN_0", StringComparison.Ordinal) && l.Contains("Ready", StringComparison.Ordinal)), text.Output);
        }
    }

    [TestMethod]
    public async Task Status_WrongToken_Refused401()
    {
        using var service = new EmulatorService();
        await service.StartAsync();
        var controlFile = Path.Combine(service.StateDirectory, "control.json");
        var control = System.Text.Json.JsonDocument.Parse(File.ReadAllText(controlFile)).RootElement;
        if (!OperatingSystem.IsWindows())
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(controlFile));
        }

        using var http = new HttpClient { BaseAddress = new Uri(control.GetProperty("url").GetString()!) };
        using (var noToken = await http.GetAsync("status"))
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, noToken.StatusCode);
        }

        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong");
        using (var wrongToken = await http.PostAsync("stop", null))
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        }

        File.WriteAllText(controlFile, File.ReadAllText(controlFile).Replace(control.GetProperty("token").GetString()!, "d3Jvbmc=", StringComparison.Ordinal));
        var (exitCode, cli) = await service.CliAsync("status");
        using (cli)
        {
            Assert.AreEqual(1, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "401");
        }
    }

    [TestMethod]
    public async Task Status_NoEmulator_ExitsOneSayingSo()
    {
        using var service = new EmulatorService();

        var (exitCode, cli) = await service.CliAsync("status", "--json");

        using (cli)
        {
            Assert.AreEqual(1, exitCode, cli.Output);
            StringAssert.Contains(cli.Output, "no emulator is running");
        }
    }
}
