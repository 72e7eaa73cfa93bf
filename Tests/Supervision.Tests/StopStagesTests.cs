namespace BackgroundRoles.Supervision.Tests;

[TestClass]
public sealed class StopStagesTests
{
    [TestMethod]
    public void FromBudget_FiveMinutes_CappedReleaseGraceAndReserveTheRestDrains()
    {
        StopStages stages = StopStages.FromBudget(TimeSpan.FromMinutes(5));

        Assert.AreEqual(TimeSpan.FromSeconds(255), stages.Drain);
        Assert.AreEqual(TimeSpan.FromSeconds(30), stages.Release);
        Assert.AreEqual(TimeSpan.FromSeconds(10), stages.HandlerGrace);
        Assert.AreEqual(TimeSpan.FromSeconds(5), stages.HostReserve);
        Assert.AreEqual(TimeSpan.FromSeconds(295), stages.TaskGrace);
    }

    [TestMethod]
    public void FromBudget_TenSeconds_SharesOfTheBudget()
    {
        StopStages stages = StopStages.FromBudget(TimeSpan.FromSeconds(10));

        Assert.AreEqual(TimeSpan.FromSeconds(7.5), stages.Drain);
        Assert.AreEqual(TimeSpan.FromSeconds(1), stages.Release);
        Assert.AreEqual(TimeSpan.FromSeconds(0.5), stages.HandlerGrace);
        Assert.AreEqual(TimeSpan.FromSeconds(1), stages.HostReserve);
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(0.001)]
    [DataRow(1.0)]
    [DataRow(7.3)]
    [DataRow(30.0)]
    [DataRow(59.9)]
    [DataRow(300.0)]
    [DataRow(86400.0)]
    public void FromBudget_AnyBudget_StagesInOrderAddUpToTheBudget(double seconds)
    {
        TimeSpan budget = TimeSpan.FromSeconds(seconds);

        StopStages stages = StopStages.FromBudget(budget);

        Assert.AreEqual(budget, stages.Budget);
        Assert.AreEqual(budget, stages.Drain + stages.Release + stages.HandlerGrace + stages.HostReserve);
        Assert.AreEqual(budget - stages.HostReserve, stages.TaskGrace);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.Zero, stages.HandlerGrace);
        Assert.IsGreaterThanOrEqualTo(stages.Release, stages.Drain, "the drain takes the largest part");
    }

    [TestMethod]
    public void FromBudget_Negative_Throws() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => StopStages.FromBudget(TimeSpan.FromSeconds(-1)));
}
