using BackgroundRoles.Tests;

namespace BackgroundRoles.WorkerRole.Tests;

[TestClass]
public static class AssemblySetup
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
