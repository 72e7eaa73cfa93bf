using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BackgroundRoles.Jobs.Composition;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Jobs.Tests.Composition;

/// <summary>Scheduled jobs and singletons declared on the role kit, against a real Azurite; schedules on a fake clock.</summary>
[TestClass]
public sealed class CoordinationRegistrationTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-05T10:00:30Z", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task AddSchedule_SettingChanged_NextOccurrenceFromTheNewExpressionWithoutARestart()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = JobStorage.Create(TestAzurite.ConnectionString, clock);
        var settings = new TestSettings(("Schedules.Job", "0 3 * * *"));
        var runs = new ConcurrentQueue<ScheduledRun>();
        var name = "job-" + Guid.NewGuid().ToString("N")[..12];
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance, clock, settings)
            .UseCoordination(storage, "i1")
            .AddSchedule(name, "Schedules.Job", (run, _) => { runs.Enqueue(run); return Task.CompletedTask; });
        var status = new CoordinationStatus(storage);
        var run = kit.Supervisor.RunAsync(CancellationToken.None);

        await UntilAsync(async () => await RecordAsync(status, name) is { NextDue: { } due } && due == Start.Date.AddDays(1).AddHours(3), "the nightly schedule in use");
        settings.Set("Schedules.Job", "* * * * *");
        await UntilAsync(async () => await RecordAsync(status, name) is { Expression: "* * * * *" }, "the new schedule published");
        clock.SetUtcNow(Start.AddSeconds(30));
        await UntilAsync(() => Task.FromResult(!runs.IsEmpty), "the run of the new schedule's first tick");
        await kit.Supervisor.StopAsync(TimeSpan.Zero);
        await run.WaitAsync(Guard);

        Assert.AreEqual(Start.AddSeconds(30), runs.Single().Tick);
        Assert.AreEqual(0, kit.Supervisor.GetHealth().Single().Restarts, "no restart");
    }

    [TestMethod]
    public async Task AddSchedule_SettingChangedToAnInvalidExpression_LoggedWithTheSettingAndTheOldScheduleKept()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = JobStorage.Create(TestAzurite.ConnectionString, clock);
        var settings = new TestSettings(("Schedules.Job", "0 3 * * *"));
        var logs = new ListLoggerFactory();
        var name = "job-" + Guid.NewGuid().ToString("N")[..12];
        var kit = new RoleKit(TimeSpan.FromSeconds(10), logs, clock, settings)
            .UseCoordination(storage, "i1")
            .AddSchedule(name, "Schedules.Job", (_, _) => Task.CompletedTask);
        var run = kit.Supervisor.RunAsync(CancellationToken.None);
        var status = new CoordinationStatus(storage);
        await UntilAsync(async () => await RecordAsync(status, name) is not null, "the record");

        settings.Set("Schedules.Job", "every night");
        await kit.Supervisor.StopAsync(TimeSpan.Zero);
        await run.WaitAsync(Guard);

        var entry = logs.Entries.SingleOrDefault(entry => entry.Contains(" 5088 ", StringComparison.Ordinal));
        Assert.IsNotNull(entry, logs.ToString());
        Assert.Contains("setting 'Schedules.Job'", entry);
        Assert.Contains("'every night'", entry);
        Assert.Contains("keeps 0 3 * * *", entry);
        Assert.AreEqual("0 3 * * *", (await RecordAsync(status, name))!.Expression);
    }

    [TestMethod]
    public void AddSchedule_SettingMissing_ArgumentExceptionNamingTheSetting()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance, settings: new TestSettings())
            .UseCoordination(JobStorage.Create(TestAzurite.ConnectionString), "i1");

        var exception = Assert.ThrowsExactly<ArgumentException>(() => kit.AddSchedule("cleanup", "Schedules.Cleanup", (_, _) => Task.CompletedTask));

        Assert.Contains("setting 'Schedules.Cleanup'", exception.Message);
    }

    [TestMethod]
    public void AddSingleton_WithoutUseCoordination_InvalidOperationSayingWhatToCall()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance);

        var exception = Assert.ThrowsExactly<InvalidOperationException>(() => kit.AddSingleton(new WaitingTask("leader")));

        Assert.Contains("UseCoordination", exception.Message);
    }

    [TestMethod]
    public async Task AddSingleton_TwoInstances_OneHoldsItAndSaysSoInHeldSingletons()
    {
        var storage = JobStorage.Create(TestAzurite.ConnectionString);
        var name = "leader-" + Guid.NewGuid().ToString("N")[..12];
        var a = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance).UseCoordination(storage, "a").AddSingleton(new WaitingTask(name), TimeSpan.FromSeconds(15));
        var b = new RoleKit(TimeSpan.FromSeconds(10), NullLoggerFactory.Instance).UseCoordination(storage, "b").AddSingleton(new WaitingTask(name), TimeSpan.FromSeconds(15));
        var runA = a.Supervisor.RunAsync(CancellationToken.None);
        var runB = b.Supervisor.RunAsync(CancellationToken.None);

        await UntilAsync(() => Task.FromResult(a.HeldSingletons().Count + b.HeldSingletons().Count == 1), "one holder");
        var (holder, waiter, holderId) = a.HeldSingletons().Count == 1 ? (a, b, "a") : (b, a, "b");
        var lease = (await new CoordinationStatus(storage).ListSingletonsAsync(CancellationToken.None)).Single(info => info.Name == name);
        await holder.Supervisor.StopAsync(TimeSpan.FromSeconds(5));
        await UntilAsync(() => Task.FromResult(waiter.HeldSingletons().Count == 1), "the takeover after the holder stopped");
        await waiter.Supervisor.StopAsync(TimeSpan.FromSeconds(5));
        await Task.WhenAll(runA, runB).WaitAsync(Guard);

        Assert.AreEqual(holderId, lease.Holder, "status shows the holder");
        Assert.IsEmpty(holder.HeldSingletons(), "a stopped holder holds nothing");
    }

    private static async Task<ScheduleRecord?> RecordAsync(CoordinationStatus status, string name) =>
        (await status.ListSchedulesAsync(CancellationToken.None)).SingleOrDefault(record => record.Name == name);

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {Guard}: {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Settings a test sets, raising Changed as the role host does after set-config.</summary>
    private sealed class TestSettings(params (string Name, string Value)[] initial) : IRoleSettings
    {
        private readonly ConcurrentDictionary<string, string> _values = new(initial.ToDictionary(s => s.Name, s => s.Value), StringComparer.Ordinal);

        public event EventHandler<RoleSettingsChangedEventArgs>? Changed;

        public bool TryGetValue(string name, [NotNullWhen(true)] out string? value) => _values.TryGetValue(name, out value);

        public void Set(string name, string value)
        {
            _values[name] = value;
            Changed?.Invoke(this, new RoleSettingsChangedEventArgs([name]));
        }
    }

    private sealed class WaitingTask(string name) : IBackgroundTask
    {
        public string Name => name;

        public Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
