using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.WorkerRole;

/// <summary>The worker role's settings, read and checked in OnStart. Every default is here.</summary>
internal sealed record WorkerRoleSettings(TimeSpan JanitorInterval, TimeSpan JanitorMaxAge, TimeSpan HeartbeatInterval, TimeSpan VisibilityTimeout)
{
    /// <summary>How long a message taken by a worker stays invisible to others (renewed while its job runs). Default: 30 seconds.</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often the janitor sweeps the Scratch local resource. Default: 1 minute.</summary>
    public static readonly TimeSpan DefaultJanitorInterval = TimeSpan.FromMinutes(1);

    /// <summary>Files in Scratch older than this are deleted. Default: 1 day.</summary>
    public static readonly TimeSpan DefaultJanitorMaxAge = TimeSpan.FromDays(1);

    /// <summary>How often the health snapshot is written. Default: 10 seconds.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>Reads the settings; every problem is returned, none thrown.</summary>
    public static (WorkerRoleSettings Settings, IReadOnlyList<string> Errors) Read(RoleInstanceEnvironment environment)
    {
        var errors = new List<string>();
        var settings = new WorkerRoleSettings(
            ReadDuration(environment, "Janitor.Interval", DefaultJanitorInterval, errors),
            ReadDuration(environment, "Janitor.MaxAge", DefaultJanitorMaxAge, errors),
            ReadDuration(environment, "Heartbeat.Interval", DefaultHeartbeatInterval, errors),
            ReadDuration(environment, "Queues.VisibilityTimeout", DefaultVisibilityTimeout, errors));
        return (settings, errors);
    }

    private static TimeSpan ReadDuration(RoleInstanceEnvironment environment, string name, TimeSpan fallback, List<string> errors)
    {
        if (!environment.TryGetConfigurationSettingValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (RoleInstanceEnvironment.TryParseDuration(text.Trim(), out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        errors.Add($"setting '{name}' is '{text}': expected a positive duration such as 00:01:00 or seconds");
        return fallback;
    }
}
