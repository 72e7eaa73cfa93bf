using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Tests.LifecycleRole;

/// <summary>
/// Writes a marker line to stdout at each lifecycle step and behaves as its <c>Behavior</c> setting says:
/// run-forever, run-returns, run-throws, request-recycle, onstart-false, onstart-throws, slow-onstop.
/// </summary>
public sealed class LifecycleRole : RoleEntryPoint
{
    private readonly ManualResetEventSlim _stop = new();
    private string _behavior = "run-forever";

    public override bool OnStart()
    {
        _behavior = RoleEnvironment.GetConfigurationSettingValue("Behavior");
        RoleEnvironment.Stopping += (_, _) => Mark("Stopping");
        Mark($"OnStart {RoleEnvironment.CurrentRoleInstance.Id} {Environment.GetEnvironmentVariable("ROLE_INSTANCE_ID")}");
        return _behavior switch
        {
            "onstart-false" => false,
            "onstart-throws" => throw new InvalidOperationException("OnStart failed on purpose"),
            _ => true,
        };
    }

    public override void Run()
    {
        Mark("Run");
        switch (_behavior)
        {
            case "run-returns":
                return;
            case "run-throws":
                throw new InvalidOperationException("Run failed on purpose");
            case "request-recycle":
                RoleEnvironment.RequestRecycle();
                break;
        }

        _stop.Wait();
    }

    public override void OnStop()
    {
        Mark("OnStop");
        if (_behavior == "slow-onstop")
        {
            Thread.Sleep(Timeout.Infinite);
        }

        _stop.Set();
        Mark("OnStop done");
    }

    private static void Mark(string step)
    {
        Console.Out.WriteLine($"marker: {step}");
        Console.Out.Flush();
    }
}
