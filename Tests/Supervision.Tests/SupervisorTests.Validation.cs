using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests;

public sealed partial class SupervisorTests
{
    [TestMethod]
    public async Task Add_DuplicateName_Throws()
    {
        await using var harness = new SupervisorHarness();
        harness.AddTask("worker", RunMode.Cooperative);

        Assert.ThrowsExactly<ArgumentException>(() => harness.Supervisor.Add("worker", (_, _) => Task.CompletedTask));
    }

    [TestMethod]
    public async Task Add_AfterRunAsync_Throws()
    {
        await using var harness = new SupervisorHarness();
        harness.StartRun();

        Assert.ThrowsExactly<InvalidOperationException>(() => harness.Supervisor.Add("late", (_, _) => Task.CompletedTask));
    }

    [TestMethod]
    public async Task Add_PolicyOutOfRange_ThrowsNamingTheProperty()
    {
        await using var harness = new SupervisorHarness();

        var exception = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => harness.Supervisor.Add("worker", (_, _) => Task.CompletedTask, new RestartPolicy { MaxBackoff = TimeSpan.FromMilliseconds(10) }));

        StringAssert.Contains(exception.Message, nameof(RestartPolicy.MaxBackoff));
    }

    [TestMethod]
    public async Task RunAsync_CalledTwice_Throws()
    {
        await using var harness = new SupervisorHarness();
        harness.StartRun();

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => harness.Supervisor.RunAsync(CancellationToken.None));
    }

    [TestMethod]
    public void RestartPolicy_Default_HasDocumentedDefaults()
    {
        RestartPolicy policy = RestartPolicy.Default;

        Assert.AreEqual(TimeSpan.FromSeconds(1), policy.InitialBackoff);
        Assert.AreEqual(TimeSpan.FromMinutes(1), policy.MaxBackoff);
        Assert.IsTrue(policy.UseJitter);
        Assert.AreEqual(TimeSpan.FromMinutes(1), policy.HealthyPeriod);
        Assert.AreEqual(10, policy.MaxRestarts);
        Assert.AreEqual(TimeSpan.FromMinutes(5), policy.RestartWindow);
        Assert.IsNull(policy.StallTimeout);
        Assert.AreEqual(TimeSpan.FromSeconds(10), policy.CancellationGrace);
        Assert.IsTrue(policy.Required);
        var options = new SupervisorOptions();
        Assert.AreSame(TimeProvider.System, options.TimeProvider);
        Assert.AreEqual(TimeSpan.FromSeconds(30), options.StopBudget);
    }
}
