using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.WebRole;

/// <summary>What the web role knows of itself, for /health: its instance, its status and how long it has run.</summary>
public sealed class WebRoleState
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private volatile bool _stopping;

    public WebRoleState(RoleInstanceEnvironment environment, TimeProvider time)
    {
        Environment = environment;
        _time = time;
        _started = time.GetTimestamp();
        environment.Stopping += (_, _) => _stopping = true;
    }

    public RoleInstanceEnvironment Environment { get; }

    public bool IsStopping => _stopping;

    public TimeSpan Uptime => _time.GetElapsedTime(_started);
}
