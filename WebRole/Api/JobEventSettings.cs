using System.Globalization;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// How <c>GET /api/jobs/{id}/events</c> keeps a quiet stream open: the keep-alive interval, from the optional
/// setting <see cref="WebRoleDefaults.EventsKeepAliveSetting"/> (a TimeSpan, <c>hh:mm:ss</c>), else
/// <see cref="WebRoleDefaults.EventsKeepAlive"/>. A setting rather than a constant so that a deployment behind a proxy
/// with a shorter idle limit can lower it, and a test can see the comment without waiting 15 seconds.
/// </summary>
internal sealed record JobEventSettings(TimeSpan KeepAlive)
{
    /// <summary>The instance's settings; null and why when the setting holds no positive duration up to <see cref="WebRoleDefaults.MaxEventsKeepAlive"/>.</summary>
    public static JobEventSettings? Read(RoleInstanceEnvironment environment, out string? error)
    {
        error = null;
        if (!environment.TryGetConfigurationSettingValue(WebRoleDefaults.EventsKeepAliveSetting, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return new JobEventSettings(WebRoleDefaults.EventsKeepAlive);
        }

        if (!TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var keepAlive) || keepAlive <= TimeSpan.Zero || keepAlive > WebRoleDefaults.MaxEventsKeepAlive)
        {
            error = $"{WebRoleDefaults.EventsKeepAliveSetting}: '{text}' is not a duration above 0 and at most {WebRoleDefaults.MaxEventsKeepAlive:c} (hh:mm:ss)";
            return null;
        }

        return new JobEventSettings(keepAlive);
    }
}
