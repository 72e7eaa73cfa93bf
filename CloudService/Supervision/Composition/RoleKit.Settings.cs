using BackgroundRoles.Supervision.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision.Composition;

/// <summary>The kit's one hook for live setting changes, which extensions use instead of a special case each.</summary>
public sealed partial class RoleKit
{
    /// <summary>
    /// Calls <paramref name="handler"/> after each change of the role's settings (<see cref="IRoleSettings.Changed"/>:
    /// under the role host, the Changed event that <c>set-config</c> raises), with the names of the settings that
    /// changed; the new values are in <see cref="Settings"/> by then. Handlers run in the order they were added, on
    /// the thread that raised the change; one that throws is logged (2020) and the others still run.
    /// </summary>
    /// <param name="handler">Reacts to the change, e.g. reads a setting again; should be quick.</param>
    public RoleKit OnSettingsChanged(Action<RoleSettingsChangedEventArgs> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _settingsChanged.Add(handler);
        }

        return this;
    }

    private void RaiseSettingsChanged(object? sender, RoleSettingsChangedEventArgs e)
    {
        Action<RoleSettingsChangedEventArgs>[] handlers;
        lock (_gate)
        {
            handlers = [.. _settingsChanged];
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(e);
            }
#pragma warning disable CA1031 // One extension's failure must not keep the others from seeing the change, nor fail the change.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.SettingsChangedHandlerFailed(_logger, string.Join(", ", e.Names), exception);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = SupervisorEventIds.SettingsChangedHandlerFailed, Level = LogLevel.Error, Message = "A handler of the change of settings {Settings} threw; the other handlers ran")]
        public static partial void SettingsChangedHandlerFailed(ILogger logger, string settings, Exception exception);
    }
}
