using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// One web role process on the test Azurite for every class that needs a running web role and nothing of its own
/// (<see cref="JobsApiValidationTests"/>, <see cref="JobsEndToEndTests"/>, <see cref="Api.JobEventsApiTests"/>):
/// started by the first class that asks, ended by its pid in the assembly cleanup (<see cref="WebRoleAssemblySetup"/>),
/// before Azurite. Sharing is safe because no test there stops, recycles or reconfigures the web role, and every
/// assertion on storage compares before and after or uses a queue or job of its own. A class that runs the worker
/// starts it in its class initialize and stops it in its class cleanup, so the next class sees no worker.
/// The settings are the union of what those classes need: the worker's 5 s visibility timeout and signing key (used
/// only while a worker runs), and a 1 s events keep-alive (comments a stream's events parser skips).
/// </summary>
internal static class SharedWebRole
{
    /// <summary>The worker's <c>Callbacks.SigningKey</c>: the end-to-end tests check callback signatures with it.</summary>
    public const string CallbackSigningKey = "end-to-end-signing-key";

    /// <summary>The web role's <c>Events.KeepAlive</c>: short, so a keep-alive test waits a second, not 15.</summary>
    public static readonly TimeSpan EventsKeepAlive = TimeSpan.FromSeconds(1);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static RunningService? s_service;

    /// <summary>The running web role, started on first use.</summary>
    public static async Task<RunningService> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return s_service ??= await RunningService.StartAsync(
                withWorker: false,
                new Dictionary<string, string> { ["Queues.VisibilityTimeout"] = "00:00:05", ["Callbacks.SigningKey"] = CallbackSigningKey },
                new Dictionary<string, string> { ["Events.KeepAlive"] = EventsKeepAlive.ToString("c", System.Globalization.CultureInfo.InvariantCulture) });
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Ends the web role (and a worker left running) if one was started.</summary>
    public static void Stop()
    {
        s_service?.Dispose();
        s_service = null;
    }
}
