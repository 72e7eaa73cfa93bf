using BackgroundRoles.Fabric.Autoscale;
using BackgroundRoles.ServiceModel;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Fabric.Tests.Autoscale;

/// <summary>
/// <see cref="AutoscaleDecider"/> round by round on a fake clock, remembering each change as the emulator's
/// autoscaler does: steps, cool-downs, bounds and schedule floors.
/// </summary>
[TestClass]
public sealed class AutoscaleDeciderTests
{
    private static readonly SourceLocation Here = SourceLocation.WholeFile("ServiceConfiguration.Autoscale.json");

    // A Monday, 07:00 UTC.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero));

    [TestMethod]
    public void Decide_LongQueue_ScalesOutByStepsUntilMaxWithCooldowns()
    {
        var rule = Rule(scaleOutStep: 2, maxInstances: 5);
        var run = new Run(rule, count: 1);

        Assert.AreEqual("orders: 100 messages / 20 per instance = 5, step 2", run.Round(_clock, 100).Reason);
        Assert.AreEqual(3, run.Count);

        var held = run.Round(_clock, 100);
        Assert.AreEqual(3, run.Count, "the scale-out cool-down holds it");
        Assert.AreEqual(_clock.GetUtcNow() + TimeSpan.FromMinutes(1), held.NextAllowedChange);

        _clock.Advance(TimeSpan.FromSeconds(59));
        run.Round(_clock, 100);
        Assert.AreEqual(3, run.Count);

        _clock.Advance(TimeSpan.FromSeconds(1));
        run.Round(_clock, 1000);
        Assert.AreEqual(5, run.Count, "one more step, capped by max");

        _clock.Advance(TimeSpan.FromMinutes(5));
        var capped = run.Round(_clock, 1000);
        Assert.AreEqual(5, run.Count);
        Assert.AreEqual(5, capped.Desired);
        StringAssert.Contains(capped.Reason, "= 50, max 5");
    }

    [TestMethod]
    public void Decide_EmptyQueue_ScalesInOnlyAfterTheLowerCountHeldForTheCooldown()
    {
        var rule = Rule(scaleInStep: 2, scaleInCooldown: TimeSpan.FromMinutes(5));
        var run = new Run(rule, count: 5);

        var first = run.Round(_clock, 0);
        Assert.AreEqual(5, run.Count);
        Assert.AreEqual(1, first.Desired);
        Assert.AreEqual(_clock.GetUtcNow() + TimeSpan.FromMinutes(5), first.NextAllowedChange);

        _clock.Advance(TimeSpan.FromMinutes(3));
        run.Round(_clock, 40);
        Assert.AreEqual(5, run.Count, "asks for 2 < 5, still within the cool-down");

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.AreEqual("orders: 0 messages / 20 per instance = 0, min 1, step 2", run.Round(_clock, 0).Reason);
        Assert.AreEqual(3, run.Count);

        _clock.Advance(TimeSpan.FromMinutes(4));
        run.Round(_clock, 0);
        Assert.AreEqual(3, run.Count, "the cool-down counts again from the last change");

        _clock.Advance(TimeSpan.FromMinutes(1));
        run.Round(_clock, 0);
        Assert.AreEqual(1, run.Count);

        _clock.Advance(TimeSpan.FromHours(1));
        var atMin = run.Round(_clock, 0);
        Assert.AreEqual(1, run.Count, "never below min");
        Assert.IsNull(atMin.NextAllowedChange);
    }

    [TestMethod]
    public void Decide_QueueGrowsBackDuringScaleInCooldown_StartsTheHoldAgain()
    {
        var run = new Run(Rule(), count: 3);
        run.Round(_clock, 0);
        _clock.Advance(TimeSpan.FromMinutes(4));
        run.Round(_clock, 60);
        _clock.Advance(TimeSpan.FromMinutes(2));

        var decision = run.Round(_clock, 0);

        Assert.AreEqual(3, run.Count, "the lower demand has held for no time since the queue was back at 3 instances' worth");
        Assert.AreEqual(_clock.GetUtcNow() + TimeSpan.FromMinutes(5), decision.NextAllowedChange);
    }

    [TestMethod]
    public void Decide_LargestQueueDemandWins()
    {
        var rule = Rule(maxInstances: 10, scaleOutStep: 10) with
        {
            Queues = [new QueueScaleTrigger("orders", 20, Here), new QueueScaleTrigger("thumbnails", 50, Here)],
        };

        var decision = AutoscaleDecider.Decide(rule, 1, [new QueueLength("orders", 41), new QueueLength("thumbnails", 200)], _clock.GetUtcNow(), AutoscaleMemory.None);

        Assert.AreEqual(4, decision.Target);
        Assert.AreEqual("thumbnails: 200 messages / 50 per instance = 4", decision.Reason);
    }

    [TestMethod]
    public void Decide_ScheduleWindowOpen_KeepsItsFloorAndLetsGoAfterTheEnd()
    {
        var rule = Rule(scaleOutStep: 3, scaleInStep: 3, scaleInCooldown: TimeSpan.FromMinutes(1)) with
        {
            Schedules = [new AutoscaleSchedule("business-hours", "0 8 * * 1-5", "0 18 * * 1-5", "UTC", 3, Here)],
        };
        var run = new Run(rule, count: 1);

        run.Round(_clock, 0);
        Assert.AreEqual(1, run.Count, "07:00: before the window");

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.AreEqual("orders: 0 messages / 20 per instance = 0, schedule business-hours: at least 3", run.Round(_clock, 0).Reason);
        Assert.AreEqual(3, run.Count, "08:00: the window opens");

        _clock.Advance(TimeSpan.FromHours(9) + TimeSpan.FromMinutes(59));
        run.Round(_clock, 0);
        Assert.AreEqual(3, run.Count, "17:59: still open");

        _clock.Advance(TimeSpan.FromMinutes(1));
        run.Round(_clock, 0);
        _clock.Advance(TimeSpan.FromMinutes(1));
        run.Round(_clock, 0);
        Assert.AreEqual(1, run.Count, "after 18:00 and the scale-in cool-down");
    }

    [TestMethod]
    public void Decide_CountOutsideTheBounds_MovesInsideAtOnce()
    {
        var rule = Rule(minInstances: 2, maxInstances: 4);

        var below = AutoscaleDecider.Decide(rule, 1, [new QueueLength("orders", 0)], _clock.GetUtcNow(), AutoscaleMemory.None);
        var above = AutoscaleDecider.Decide(rule, 9, [new QueueLength("orders", 0)], _clock.GetUtcNow(), AutoscaleMemory.None with { LastChange = _clock.GetUtcNow() });

        Assert.AreEqual(2, below.Target);
        Assert.AreEqual(4, above.Target);
        StringAssert.Contains(above.Reason, "9 lies outside the rule's 2 to 4");
    }

    private static RoleAutoscaleRule Rule(int minInstances = 1, int maxInstances = 5, int scaleOutStep = 1, int scaleInStep = 1, TimeSpan? scaleInCooldown = null) => new()
    {
        RoleName = "WorkerRole",
        MinInstances = minInstances,
        MaxInstances = maxInstances,
        Queues = [new QueueScaleTrigger("orders", 20, Here)],
        ScaleOutStep = scaleOutStep,
        ScaleInStep = scaleInStep,
        ScaleOutCooldown = TimeSpan.FromMinutes(1),
        ScaleInCooldown = scaleInCooldown ?? TimeSpan.FromMinutes(5),
        Location = Here,
    };

    /// <summary>A role's count and memory across rounds, changed as the autoscaler changes them after a scale.</summary>
    private sealed class Run(RoleAutoscaleRule rule, int count)
    {
        private AutoscaleMemory _memory = AutoscaleMemory.None;

        public int Count { get; private set; } = count;

        public AutoscaleDecision Round(TimeProvider clock, int ordersLength)
        {
            var now = clock.GetUtcNow();
            var decision = AutoscaleDecider.Decide(rule, Count, [new QueueLength("orders", ordersLength)], now, _memory);
            _memory = decision.Changes ? decision.Memory.Changed(now, decision.ScalesOut) : decision.Memory;
            Count = decision.Target;
            return decision;
        }
    }
}
