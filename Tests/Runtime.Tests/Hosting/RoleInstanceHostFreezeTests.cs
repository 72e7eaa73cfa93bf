using System.Collections.Concurrent;
using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Internal;
using BackgroundRoles.Hosting.Protocol;
using BackgroundRoles.ServiceRuntime;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Runtime.Tests.Hosting;

/// <summary>The platform-level Freeze: under the emulator the host parks an instance before the role's own code.</summary>
[TestClass]
public sealed class RoleInstanceHostFreezeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [TestMethod]
    public async Task Run_FreezeTrueUnderTheEmulator_ParksBeforeOnStartUntilFreezeFalse()
    {
        var role = new CountingRole();
        var (host, statuses) = Create(role, withChannel: true);
        var run = Task.Run(host.Run);

        await WaitForAsync(() => statuses.Contains(InstanceStatus.Frozen), "Frozen");
        Assert.AreEqual(0, role.Starts, "the role's OnStart does not run while frozen");

        host.ApplySettings(new Dictionary<string, string> { ["Freeze"] = "false" });
        await WaitForAsync(() => statuses.Contains(InstanceStatus.Ready), "Ready after Freeze=false");
        Assert.AreEqual(1, role.Starts);

        host.RequestStop("test");
        Assert.AreEqual(RoleHostExitCodes.Stopped, await run.WaitAsync(Timeout));
    }

    [TestMethod]
    public async Task Run_FrozenAndStopped_EndsWithoutTheRolesCode()
    {
        var role = new CountingRole();
        var (host, statuses) = Create(role, withChannel: true);
        var run = Task.Run(host.Run);
        await WaitForAsync(() => statuses.Contains(InstanceStatus.Frozen), "Frozen");

        host.RequestStop("test");

        Assert.AreEqual(RoleHostExitCodes.Stopped, await run.WaitAsync(Timeout));
        Assert.AreEqual(0, role.Starts);
        Assert.AreEqual(0, role.Stops, "OnStop follows only an OnStart");
    }

    [TestMethod]
    public async Task Run_FreezeTrueWithoutTheEmulator_LeavesFreezeToTheRole()
    {
        var role = new CountingRole();
        var (host, statuses) = Create(role, withChannel: false);
        var run = Task.Run(host.Run);

        await WaitForAsync(() => statuses.Contains(InstanceStatus.Ready), "Ready");
        Assert.DoesNotContain(InstanceStatus.Frozen, statuses.ToList());
        host.RequestStop("test");
        Assert.AreEqual(RoleHostExitCodes.Stopped, await run.WaitAsync(Timeout));
    }

    private static (RoleInstanceHost Host, ConcurrentQueue<InstanceStatus> Statuses) Create(RoleEntryPoint role, bool withChannel)
    {
        var descriptor = TestDescriptors.Create(new Dictionary<string, string> { ["Freeze"] = "true" }) with
        {
            ControlChannel = withChannel ? new ControlChannelDescriptor("127.0.0.1", 1, "unused") : null,
            StatusCheckInterval = TimeSpan.FromHours(1),
        };
        var host = new RoleInstanceHost(new RoleInstanceEnvironment(descriptor), role, NullLogger.Instance, TimeProvider.System);
        var statuses = new ConcurrentQueue<InstanceStatus>();
        host.StatusChanged += (_, status) => statuses.Enqueue(status);
        return (host, statuses);
    }

    private static async Task WaitForAsync(Func<bool> done, string what)
    {
        using var reached = new CancellationTokenSource(Timeout);
        while (!done())
        {
            if (reached.IsCancellationRequested)
            {
                throw new TimeoutException($"Never {what}.");
            }

            await Task.Delay(20);
        }
    }

    private sealed class CountingRole : RoleEntryPoint
    {
        private readonly ManualResetEventSlim _stopped = new();
        private int _starts;
        private int _stops;

        public int Starts => Volatile.Read(ref _starts);

        public int Stops => Volatile.Read(ref _stops);

        public override bool OnStart()
        {
            Interlocked.Increment(ref _starts);
            return true;
        }

        public override void Run() => _stopped.Wait();

        public override void OnStop()
        {
            Interlocked.Increment(ref _stops);
            _stopped.Set();
        }
    }
}
