using BackgroundRoles.Jobs.Queues;

namespace BackgroundRoles.Jobs.Tests.Queues;

[TestClass]
public sealed class PollingBackoffTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [TestMethod]
    public void Next_EmptyPolls_GrowsUpToMaximum()
    {
        var backoff = new PollingBackoff(Min, Max, new Random(1));

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next(foundMessages: false)).ToArray();

        Assert.IsGreaterThanOrEqualTo(Min, delays[0]);
        Assert.IsGreaterThan(delays[0], delays[3]);
        Assert.AreEqual(Max, delays[^1]);
        Assert.IsTrue(delays.All(delay => delay >= Min && delay <= Max));
    }

    [TestMethod]
    public void Next_MessagesFound_BackToMinimum()
    {
        var backoff = new PollingBackoff(Min, Max, new Random(1));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next(foundMessages: false);
        }

        Assert.AreEqual(Min, backoff.Next(foundMessages: true));
        Assert.IsLessThan(Min * 3, backoff.Next(foundMessages: false));
    }
}
