using BackgroundRoles.Cli.Tests.Support;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>Startup tasks under <c>cloudservice run</c>: simple ones gate the start, background and foreground ones run beside it.</summary>
[TestClass]
public sealed class StartupTaskTests
{
    [TestMethod]
    public async Task Run_SimpleTaskFails_InstanceDoesNotStartAndSaysWhy()
    {
        using var service = new EmulatorService(startupTasks: """<Task commandLine="StartupTasks/fail.sh" taskType="simple" executionContext="elevated" />""");
        service.WriteScript("fail.sh", "echo 'cannot prepare the disk' >&2\nexit 3");
        var run = await service.StartAsync();

        await run.WaitForLineAsync(l => l.Contains("Recycling: starting again in", StringComparison.Ordinal), EmulatorService.Timeout);

        Assert.IsTrue(run.Lines.Any(l => l.Contains("startup task 1 (StartupTasks/fail.sh) exited with code 3; the instance does not start", StringComparison.Ordinal)), run.Output);
        Assert.IsTrue(run.Lines.Any(l => l == "LifecycleRole_IN_0:     cannot prepare the disk"), "the task's standard error is shown: " + run.Output);
        Assert.IsTrue(run.Lines.Any(l => l.Contains("executionContext=elevated", StringComparison.Ordinal)), run.Output);
        Assert.IsFalse(run.Lines.Any(l => l.StartsWith("marker: OnStart", StringComparison.Ordinal)), run.Output);
        var status = await service.StatusAsync();
        Assert.AreNotEqual("Ready", EmulatorService.Instances(status)[0].State);
    }

    [TestMethod]
    public async Task Run_BackgroundAndForegroundTasks_DoNotBlockAndForegroundHoldsTheRecycle()
    {
        using var service = new EmulatorService(behavior: "run-returns", startupTasks: """
            <Task commandLine="StartupTasks/vars.sh" taskType="simple">
              <Environment>
                <Variable name="TASK_INSTANCE"><RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/@id" /></Variable>
                <Variable name="TASK_SCRATCH"><RoleInstanceValue xpath="/RoleEnvironment/CurrentInstance/LocalResources/LocalResource[@name='Scratch']/@path" /></Variable>
              </Environment>
            </Task>
            <Task commandLine="sleep 60" taskType="background" />
            <Task commandLine="StartupTasks/foreground.sh" taskType="foreground" />
            """);
        service.WriteScript("vars.sh", "echo \"vars $TASK_INSTANCE $(basename \"$TASK_SCRATCH\")\"");
        // The foreground task ends when the test says so, once the recycle is seen waiting for it: a fixed sleep was
        // over before a role on a busy machine had even started, and then there was nothing to wait for.
        var release = Path.Combine(service.Directory, "foreground.release");
        service.WriteScript("foreground.sh", $"echo foreground-started\nwhile [ ! -f '{release}' ]; do sleep 0.1; done\necho foreground-done");
        var run = await service.StartAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!run.Lines.Any(l => l.Contains("waiting for 1 foreground startup task(s)", StringComparison.Ordinal)))
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "the recycle never waited for the foreground task: " + run.Output);
            await Task.Delay(50);
        }

        await File.WriteAllTextAsync(release, string.Empty);
        await service.WaitForCountAsync("marker: Run", 2);

        var lines = run.Lines.ToList();
        Assert.IsTrue(lines.Any(l => l == "LifecycleRole_IN_0: [task 1] vars LifecycleRole_IN_0 Scratch"), run.Output);
        var firstOnStart = lines.FindIndex(l => l.StartsWith("marker: OnStart", StringComparison.Ordinal));
        var foregroundDone = lines.FindIndex(l => l.EndsWith("[task 3] foreground-done", StringComparison.Ordinal));
        var waiting = lines.FindIndex(l => l.Contains("waiting for 1 foreground startup task(s)", StringComparison.Ordinal));
        var secondOnStart = lines.FindLastIndex(l => l.StartsWith("marker: OnStart", StringComparison.Ordinal));
        Assert.IsTrue(firstOnStart >= 0 && foregroundDone > firstOnStart, "the role started while the tasks ran: " + run.Output);
        Assert.IsTrue(waiting >= 0 && waiting < foregroundDone && foregroundDone < secondOnStart, "the recycle waited for the foreground task: " + run.Output);
    }
}
