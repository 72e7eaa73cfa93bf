using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Tests.LifecycleRole;

/// <summary>
/// Writes a marker line to stdout at each lifecycle step and behaves as its <c>Behavior</c> setting says:
/// run-forever, run-returns, run-throws, request-recycle, onstart-false, onstart-throws, slow-onstop, slow-onstart
/// (OnStart takes 4 s), slow-answers (runs forever; its HTTP echoes answer each request after
/// <see cref="SlowAnswerDelay"/>, with 503 once Stopping was raised, and keep listening for twice that in OnStop).
/// Optional settings (when the csdef declares them): <c>CancelChanging=true</c> cancels every Changing;
/// <c>Busy=true</c> makes StatusCheck report Busy; <c>Echo</c> is shown at OnStart and in Changed. The
/// environment variable <c>ECHO_ENV</c>, when set, is shown at OnStart. <c>TcpEcho</c>, a comma-separated list of
/// endpoint names, starts a TCP echo server (<see cref="TcpEcho"/>) on each of those endpoints at OnStart and shows
/// its ports: where it listens and the public one. <c>HttpEcho</c>, likewise, starts an HTTP server (<see cref="HttpEcho"/>)
/// that answers every request with the instance id, the deployment id and the Echo setting in headers. What <c>RoleEnvironment.Roles</c> lists
/// (each instance with its endpoints) is shown at OnStart and after a topology change; those markers, and the
/// topology Changing and Changed, and the deployment id with IsEmulated, start with the instance id, since every instance writes to the same output.
/// </summary>
public sealed class LifecycleRole : RoleEntryPoint
{
    private readonly ManualResetEventSlim _stop = new();
    /// <summary>How long the slow-answers behaviour takes to answer a request: well under the upgrade's 1 s drain time.</summary>
    private static readonly TimeSpan SlowAnswerDelay = TimeSpan.FromMilliseconds(100);

    private readonly List<IDisposable> _echoes = [];
    private readonly List<HttpEcho> _httpEchoes = [];
    private string _behavior = "run-forever";

    public override bool OnStart()
    {
        _behavior = RoleEnvironment.GetConfigurationSettingValue("Behavior");
        RoleEnvironment.Stopping += (_, _) =>
        {
            Mark("Stopping");
            foreach (var echo in _httpEchoes)
            {
                echo.MarkStopping();
            }
        };
        RoleEnvironment.Changing += OnChanging;
        RoleEnvironment.Changed += OnChanged;
        RoleEnvironment.StatusCheck += (_, e) =>
        {
            if (Setting("Busy") == "true")
            {
                e.SetBusy();
            }
        };
        Mark($"OnStart {RoleEnvironment.CurrentRoleInstance.Id} {Environment.GetEnvironmentVariable("ROLE_INSTANCE_ID")}");
        Mark($"{Self} Roles {DescribeRoles()}");
        Mark($"{Self} Deployment {RoleEnvironment.DeploymentId} emulated={RoleEnvironment.IsEmulated}");
        if (Environment.GetEnvironmentVariable("ECHO_ENV") is { } echo)
        {
            Mark($"env ECHO_ENV={echo}");
        }

        if (Setting("Echo") is { } value)
        {
            Mark($"Echo={value}");
        }

        foreach (var name in (Setting("TcpEcho") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var endpoint = RoleEnvironment.CurrentRoleInstance.InstanceEndpoints[name];
            _echoes.Add(new TcpEcho(RoleEnvironment.CurrentRoleInstance.Id, endpoint));
            Mark($"TcpEcho {RoleEnvironment.CurrentRoleInstance.Id} {name} on {endpoint.IPEndpoint.Port} public {endpoint.PublicIPEndpoint?.Port}");
        }

        foreach (var name in (Setting("HttpEcho") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var delay = _behavior == "slow-answers" ? SlowAnswerDelay : TimeSpan.Zero;
            var http = new HttpEcho(RoleEnvironment.CurrentRoleInstance.Id, RoleEnvironment.DeploymentId, Setting("Echo") ?? string.Empty, RoleEnvironment.CurrentRoleInstance.InstanceEndpoints[name], delay);
            _httpEchoes.Add(http);
            _echoes.Add(http);
            Mark($"HttpEcho {RoleEnvironment.CurrentRoleInstance.Id} {name}");
        }

        if (_behavior == "slow-onstart")
        {
            Thread.Sleep(TimeSpan.FromSeconds(4));
        }

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

        if (_behavior == "slow-answers")
        {
            // Requests still forwarded here get their 503 rather than a closed connection.
            Thread.Sleep(SlowAnswerDelay * 2);
        }

        foreach (var echo in _echoes)
        {
            echo.Dispose();
        }

        _stop.Set();
        Mark("OnStop done");
    }

    private static string Self => RoleEnvironment.CurrentRoleInstance.Id;

    private static void OnChanging(object? sender, RoleEnvironmentChangingEventArgs e)
    {
        var cancel = Setting("CancelChanging") == "true";
        var suffix = cancel ? " cancelled" : string.Empty;
        if (SettingNames(e.Changes) is { Length: > 0 } settings)
        {
            Mark($"Changing {settings}{suffix}");
        }

        if (TopologyNames(e.Changes) is { Length: > 0 } roles)
        {
            Mark($"{Self} Changing topology {roles}{suffix}");
        }

        e.Cancel = cancel;
    }

    private static void OnChanged(object? sender, RoleEnvironmentChangedEventArgs e)
    {
        if (SettingNames(e.Changes) is { Length: > 0 } settings)
        {
            Mark($"Changed {settings} Echo={Setting("Echo")}");
        }

        if (TopologyNames(e.Changes) is { Length: > 0 } roles)
        {
            Mark($"{Self} Changed topology {roles}; Roles {DescribeRoles()}");
        }
    }

    /// <summary>Each role as <c>Role=Id[Endpoint=port],Id</c>, separated by spaces.</summary>
    private static string DescribeRoles() =>
        string.Join(" ", RoleEnvironment.Roles.Values.Select(role => $"{role.Name}=" + string.Join(",", role.Instances.Select(i =>
            i.InstanceEndpoints.Count == 0
                ? i.Id
                : $"{i.Id}[{string.Join(",", i.InstanceEndpoints.Values.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => $"{e.Name}={e.IPEndpoint.Port}"))}]"))));

    private static string? Setting(string name) =>
        RoleEnvironment.Current.TryGetConfigurationSettingValue(name, out var value) ? value : null;

    private static string SettingNames(IEnumerable<RoleEnvironmentChange> changes) =>
        string.Join(",", changes.OfType<RoleEnvironmentConfigurationSettingChange>().Select(c => c.ConfigurationSettingName));

    private static string TopologyNames(IEnumerable<RoleEnvironmentChange> changes) =>
        string.Join(",", changes.OfType<RoleEnvironmentTopologyChange>().Select(c => c.RoleName));

    private static void Mark(string step)
    {
        Console.Out.WriteLine($"marker: {step}");
        Console.Out.Flush();
    }
}
