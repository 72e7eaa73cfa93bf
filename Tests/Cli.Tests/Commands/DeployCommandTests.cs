using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice deploy</c> and <c>delete</c>: a second deployment in the staging slot beside production.</summary>
[TestClass]
public sealed class DeployCommandTests
{
    [TestMethod]
    public async Task Deploy_Staging_RunsBesideProductionOnItsOwnAddressUntilDeleted()
    {
        using var service = new SlotService();
        service.WriteVersion("v2.cscfg", "run-forever");
        await service.StartAsync();

        var (exitCode, deploy) = await service.CliAsync("deploy", "--slot", "staging", "--cscfg", "v2.cscfg");
        using (deploy)
        {
            Assert.AreEqual(0, exitCode, deploy.Output);
            StringAssert.Contains(deploy.Output, "Deployment deployment16(2) of LifecycleService in the staging slot");
            StringAssert.Contains(deploy.Output, "LifecycleRole_IN_0 Ready");
        }

        var stagingPort = SlotService.StagingPort(deploy);
        Assert.AreNotEqual(service.ProductionPort, stagingPort);
        using var http = new HttpClient();
        Assert.AreEqual("deployment16(1)", await SlotService.DeploymentAtAsync(http, service.ProductionPort));
        Assert.AreEqual("deployment16(2)", await SlotService.DeploymentAtAsync(http, stagingPort));

        var status = await service.StatusAsync();
        Assert.AreEqual("deployment16(1)", status.GetProperty("deploymentId").GetString());
        var staging = status.GetProperty("staging");
        Assert.AreEqual("deployment16(2)", staging.GetProperty("deploymentId").GetString());
        Assert.AreEqual(stagingPort, staging.GetProperty("publicEndpoints")[0].GetProperty("port").GetInt32());
        Assert.AreEqual("LifecycleRole_IN_0", staging.GetProperty("roles")[0].GetProperty("instances")[0].GetProperty("instanceId").GetString());

        var (occupied, again) = await service.CliAsync("deploy", "--slot", "staging", "--cscfg", "v2.cscfg");
        var (deleted, delete) = await service.CliAsync("delete", "--slot", "staging");
        var (empty, deleteAgain) = await service.CliAsync("delete", "--slot", "staging");
        var (usage, badSlot) = await service.CliAsync("delete", "--slot", "blue");
        using (again)
        using (delete)
        using (deleteAgain)
        using (badSlot)
        {
            Assert.AreEqual(1, occupied, again.Output);
            StringAssert.Contains(again.Output, "the staging slot holds deployment deployment16(2)");
            Assert.AreEqual(0, deleted, delete.Output);
            Assert.AreEqual(1, empty, deleteAgain.Output);
            StringAssert.Contains(deleteAgain.Output, "the staging slot is empty");
            Assert.AreEqual(2, usage, badSlot.Output);
            StringAssert.Contains(badSlot.Output, "'blue' is not a slot");
        }

        Assert.AreEqual(1, service.Run.Lines.Count(l => l == "marker: OnStop done"), "staging's instance stopped, production's runs on: " + service.Run.Output);
        Assert.AreEqual("deployment16(1)", await SlotService.DeploymentAtAsync(http, service.ProductionPort));
        await Assert.ThrowsAsync<HttpRequestException>(() => SlotService.DeploymentAtAsync(http, stagingPort));
        Assert.IsFalse((await service.StatusAsync()).TryGetProperty("staging", out _));
    }
}
