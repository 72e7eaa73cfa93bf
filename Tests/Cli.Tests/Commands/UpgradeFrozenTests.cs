using System.Text.Json;
using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>cloudservice upgrade</c> to a configuration that says Freeze=true: the instances arrive Frozen on the new package,
/// which is what was asked, so the walk completes instead of waiting for a Ready that never comes and rolling back.
/// </summary>
[TestClass]
public sealed class UpgradeFrozenTests
{
    [TestMethod]
    public async Task Upgrade_ToAConfigurationWithFreeze_InstancesArriveFrozenOnTheNewPackageAndTheWalkCompletes()
    {
        using var service = new SlotService(instances: 2);
        service.WriteVersion("frozen.cscfg", "run-forever", instances: 2, echo: "two");
        var path = Path.Combine(service.Directory, "frozen.cscfg");
        var frozen = File.ReadAllText(path);
        const string FreezeOff = """<Setting name="Freeze" value="false" />""";
        Assert.Contains(FreezeOff, frozen);
        File.WriteAllText(path, frozen.Replace(FreezeOff, """<Setting name="Freeze" value="true" />""", StringComparison.Ordinal));
        await service.StartAsync();

        // A walk that waited for Ready would roll back after the 20 s timeout, exit 1.
        var (exitCode, upgrade) = await service.CliAsync("upgrade", "--slot", "production", "--cscfg", "frozen.cscfg", "--timeout", "20s");
        using (upgrade)
        {
            Assert.AreEqual(0, exitCode, upgrade.Output);
            StringAssert.Contains(upgrade.Output, "LifecycleRole_IN_0 Frozen in ");
            StringAssert.Contains(upgrade.Output, "Upgrade done in ");
        }

        var status = await service.StatusAsync();
        Assert.AreEqual("Completed", status.GetProperty("upgrade").GetProperty("state").GetString());
        var toPackage = status.GetProperty("upgrade").GetProperty("toPackage").GetString();
        var instances = status.GetProperty("roles").EnumerateArray().SelectMany(r => r.GetProperty("instances").EnumerateArray()).ToList();
        Assert.HasCount(2, instances);
        Assert.IsTrue(instances.All(i => i.GetProperty("package").GetString() == toPackage && i.GetProperty("state").GetString() == "Frozen"), status.ToString());
    }
}
