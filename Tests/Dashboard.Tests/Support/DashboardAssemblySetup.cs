using BackgroundRoles.Tests;

namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>The assembly's Azurite, started before the first test; after the last, the shared run ends first, then Azurite.</summary>
[TestClass]
public static class DashboardAssemblySetup
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
            await SharedRun.StopAsync();
        }
        finally
        {
            await TestAzurite.StopAsync();
        }
    }
}
