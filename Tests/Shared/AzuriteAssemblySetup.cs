namespace BackgroundRoles.Tests;

/// <summary>Starts the test assembly's own Azurite before its first test and ends it after its last.</summary>
[TestClass]
public static class AzuriteAssemblySetup
{
    [AssemblyInitialize]
    public static Task StartAzurite(TestContext context)
    {
        _ = context;
        return TestAzurite.StartAsync();
    }

    [AssemblyCleanup]
    public static Task StopAzurite() => TestAzurite.StopAsync();
}
