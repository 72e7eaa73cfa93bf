using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Tests.Instances;

[TestClass]
public sealed class CrashLoopBackoffTests
{
    private static readonly LocalDeploymentOptions Options = new()
    {
        InitialRestartDelay = TimeSpan.FromSeconds(1),
        MaxRestartDelay = TimeSpan.FromSeconds(5),
        HealthyRun = TimeSpan.FromMinutes(1),
    };

    [TestMethod]
    public void Next_QuickExits_DoublesUpToTheCapWithBoundedJitter()
    {
        var backoff = new CrashLoopBackoff(Options);

        var delays = Enumerable.Range(0, 5).Select(_ => backoff.Next(TimeSpan.FromSeconds(1)).TotalSeconds).ToList();

        double[] bases = [1, 2, 4, 5, 5];
        for (var i = 0; i < bases.Length; i++)
        {
            Assert.IsTrue(delays[i] >= bases[i] && delays[i] <= bases[i] * (1 + FabricDefaults.RestartJitter), $"delay {i}: {delays[i]}");
        }
    }

    [TestMethod]
    public void Next_AfterAHealthyRun_StartsAgainFromTheInitialDelay()
    {
        var backoff = new CrashLoopBackoff(Options);
        backoff.Next(TimeSpan.Zero);
        backoff.Next(TimeSpan.Zero);

        var delay = backoff.Next(TimeSpan.FromMinutes(2));

        Assert.IsLessThan(1.2, delay.TotalSeconds);
    }
}
