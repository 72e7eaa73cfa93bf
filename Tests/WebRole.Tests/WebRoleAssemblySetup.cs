using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// The assembly's Azurite, started before the first test, and its end after the last: the shared web role
/// (<see cref="SharedWebRole"/>) first, so it never runs on without storage.
/// </summary>
[TestClass]
public static class WebRoleAssemblySetup
{
    [AssemblyInitialize]
    public static Task StartAzurite(TestContext context)
    {
        _ = context;
        return TestAzurite.StartAsync();
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        try
        {
            SharedWebRole.Stop();
        }
        finally
        {
            await TestAzurite.StopAsync();
        }
    }
}
