using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BackgroundRoles.Runtime.Tests.Supervision;

/// <summary>A role's declaration bound to its instance: Freeze read once at start and applied on Changed, the stop budget's stages.</summary>
[TestClass]
public sealed class RoleCompositionTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Start_FreezeTrue_FrozenBeforeRunAndNoTaskStartsUntilThawed()
    {
        var environment = Environment(("Freeze", "true"));
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var composition = Start(environment, started);

        Assert.IsTrue(composition.Supervisor.IsFrozen, "applied at start, before Run");
        var run = Task.Run(composition.Run);
        await WaitUntilAsync(() => composition.Supervisor.State == SupervisorState.Frozen);
        Assert.IsFalse(started.Task.IsCompleted, "no task started");

        Assert.IsTrue(environment.ApplySettings(With(environment, "Freeze", "false")));
        await started.Task.WaitAsync(Guard);

        composition.Stop();
        Assert.AreEqual(SupervisorOutcomeKind.Stopped, (await run.WaitAsync(Guard)).Kind);
    }

    [TestMethod]
    public async Task Changed_FreezeFlippedToTrue_DrainsAndParks()
    {
        var environment = Environment(("Freeze", "false"));
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var composition = Start(environment, started);
        var run = Task.Run(composition.Run);
        var token = await started.Task.WaitAsync(Guard);

        environment.ApplySettings(With(environment, "Freeze", "true"));
        await WaitUntilAsync(() => composition.Supervisor.State == SupervisorState.Frozen);

        Assert.IsTrue(token.IsCancellationRequested);
        Assert.AreEqual(RoleInstanceStatus.Ready, environment.CheckStatus(), "a frozen role is stable, not Busy");
        composition.Stop();
        await run.WaitAsync(Guard);
    }

    [TestMethod]
    public void Start_FreezeNotABoolean_NullAfterTheRoleDeclaredAndReportedItsOwnErrors()
    {
        var environment = Environment(("Freeze", "maybe"));
        var declared = false;

        var composition = RoleComposition.Start(environment, _ => declared = true, NullLoggerFactory.Instance, new FakeTimeProvider());

        Assert.IsNull(composition);
        Assert.IsTrue(declared, "the role's own setting errors are reported too");
    }

    [TestMethod]
    public void Start_DeclarationRefusedByTheKit_NullWithTheReasonLogged()
    {
        var logs = new CapturingLoggerFactory();

        var composition = RoleComposition.Start(
            Environment(("Freeze", "false")),
            kit =>
            {
                kit.Add("twice", (_, ct) => Task.Delay(Timeout.Infinite, ct));
                kit.Add("twice", (_, ct) => Task.Delay(Timeout.Infinite, ct));
                return true;
            },
            logs,
            new FakeTimeProvider());

        Assert.IsNull(composition);
        Assert.IsTrue(logs.Messages.Any(m => m.StartsWith("1106 Invalid declaration: ", StringComparison.Ordinal) && m.Contains("twice", StringComparison.Ordinal)), string.Join(System.Environment.NewLine, logs.Messages));
    }

    [TestMethod]
    public void Start_DeclarationReturnsFalse_Null()
    {
        var composition = RoleComposition.Start(Environment(("Freeze", "false")), _ => false, NullLoggerFactory.Instance, new FakeTimeProvider());

        Assert.IsNull(composition);
    }

    [TestMethod]
    public void Start_StopBudgetSetting_TheKitsStagesComeFromIt()
    {
        StopStages? stages = null;
        using var composition = RoleComposition.Start(
            Environment(("Freeze", "false"), ("BackgroundRoles.StopBudget", "20")),
            kit =>
            {
                stages = kit.StopStages;
                return true;
            },
            NullLoggerFactory.Instance,
            new FakeTimeProvider());

        Assert.IsNotNull(composition);
        Assert.AreEqual(StopStages.FromBudget(TimeSpan.FromSeconds(20)), stages);
    }

    [TestMethod]
    public async Task Run_TaskDegraded_PublishedInTheHealthReport()
    {
        var environment = Environment(("Freeze", "false"));
        using var composition = RoleComposition.Start(
            environment,
            kit =>
            {
                kit.Add("feature", (_, _) => throw new InvalidOperationException("off"), kit.DefaultPolicy with { Decider = _ => TaskDirective.Stop });
                return true;
            },
            NullLoggerFactory.Instance,
            new FakeTimeProvider())!;
        var run = Task.Run(composition.Run);

        await WaitUntilAsync(() => environment.Health is { Degraded: true });

        Assert.AreEqual(TaskState.Degraded, environment.Health!.Tasks[0].State);
        Assert.AreEqual(RoleInstanceStatus.Ready, environment.CheckStatus(), "a degraded role stays in rotation");
        composition.Stop();
        await run.WaitAsync(Guard);
    }

    [TestMethod]
    public void Changed_SettingsChanged_KitHandlersSeeTheNamesAndTheNewValues()
    {
        var environment = Environment(("Freeze", "false"), ("Schedule", "0 3 * * *"), ("Other", "a"));
        var seen = new List<(string Names, string? Value)>();
        var failing = 0;
        using var composition = RoleComposition.Start(
            environment,
            kit =>
            {
                kit.OnSettingsChanged(_ => { failing++; throw new InvalidOperationException("one extension fails"); });
                kit.OnSettingsChanged(e => seen.Add((string.Join(",", e.Names.Order(StringComparer.Ordinal)), kit.Settings.TryGetValue("Schedule", out var value) ? value : null)));
                return true;
            },
            NullLoggerFactory.Instance,
            new FakeTimeProvider())!;

        Assert.IsTrue(environment.ApplySettings(new Dictionary<string, string>(environment.Settings) { ["Schedule"] = "*/5 * * * *", ["Other"] = "b" }), "a throwing handler does not refuse the change");

        Assert.AreEqual(1, failing);
        CollectionAssert.AreEqual(new[] { ("Other,Schedule", (string?)"*/5 * * * *") }, seen);
    }

    private static RoleComposition Start(RoleInstanceEnvironment environment, TaskCompletionSource<CancellationToken> started) =>
        RoleComposition.Start(
            environment,
            kit =>
            {
                kit.Add("worker", async (_, cancellationToken) =>
                {
                    started.TrySetResult(cancellationToken);
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                });
                return true;
            },
            NullLoggerFactory.Instance,
            new FakeTimeProvider()) ?? throw new AssertFailedException("the composition did not start");

    private static RoleInstanceEnvironment Environment(params (string Name, string Value)[] settings) =>
        new(TestDescriptors.Create(settings.ToDictionary(s => s.Name, s => s.Value)));

    private static Dictionary<string, string> With(RoleInstanceEnvironment environment, string name, string value) =>
        new(environment.Settings) { [name] = value };

    /// <summary>Waits on a condition the code under test sets from another thread; bounded by the guard, no fixed sleeps.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Guard;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within the guard.");
            }

            await Task.Yield();
        }
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue($"{eventId.Id} {formatter(state, exception)}");
        }
    }
}
