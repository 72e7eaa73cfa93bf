namespace BackgroundRoles.Supervision.Tests;

[TestClass]
public sealed class SupervisorDefaultsTests
{
    [TestMethod]
    public void IsCorruptState_CorruptStateException_True() =>
        Assert.IsTrue(SupervisorDefaults.IsCorruptState(new CorruptStateException("ledger")));

    [TestMethod]
    public void IsCorruptState_InnerCorruptStateException_True() =>
        Assert.IsTrue(SupervisorDefaults.IsCorruptState(new InvalidOperationException("outer", new CorruptStateException())));

    [TestMethod]
    public void IsCorruptState_CorruptStateExceptionInAggregate_True() =>
        Assert.IsTrue(SupervisorDefaults.IsCorruptState(
            new AggregateException(new TimeoutException(), new InvalidOperationException("x", new CorruptStateException()))));

    [TestMethod]
    public void IsCorruptState_OtherException_False() =>
        Assert.IsFalse(SupervisorDefaults.IsCorruptState(new AggregateException(new InvalidOperationException("x", new TimeoutException()))));
}
