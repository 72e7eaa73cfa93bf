using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;

namespace BackgroundRoles.WebRole;

/// <summary>What the web role knows of itself, for /health: its instance, its status, how long it has run and its background tasks.</summary>
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

    /// <summary>The supervisor of the role's background tasks; null when it runs none.</summary>
    public Supervisor? Supervisor { get; init; }

    /// <summary>The singleton tasks this instance holds now, by name.</summary>
    public Func<IReadOnlyList<string>> HeldSingletons { get; init; } = () => [];
}
