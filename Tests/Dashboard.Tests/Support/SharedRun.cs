namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>
/// The one <c>./cloudservice run</c> the page test classes share: started by the first class that asks (only where a
/// browser is, so the tests over HTTP alone never start it), ended by its process id after the last test
/// (<see cref="DashboardAssemblySetup"/>). The classes leave it as they found it: every instance Ready, one of each role.
/// </summary>
internal static class SharedRun
{
    private static readonly Lock Gate = new();
    private static Task<DashboardRun>? s_run;

    public static Task<DashboardRun> GetAsync()
    {
        lock (Gate)
        {
            // A failed start fails every class that asks, with the same reason, rather than starting again.
            return s_run ??= DashboardRun.StartAsync();
        }
    }

    public static async Task StopAsync()
    {
        Task<DashboardRun>? run;
        lock (Gate)
        {
            run = s_run;
            s_run = null;
        }

        if (run is { IsCompletedSuccessfully: true })
        {
            await run.Result.DisposeAsync();
        }
    }
}
