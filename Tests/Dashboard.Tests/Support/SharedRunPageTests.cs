namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>
/// The base of a page test class on the <see cref="SharedRun"/>: the run is asked for once per derived class, before
/// its first test, and <see cref="Run"/> is it.
/// </summary>
public abstract class SharedRunPageTests
{
    private static DashboardRun? s_run;

    public TestContext TestContext { get; set; } = null!;

    internal static DashboardRun Run => s_run ?? throw new InvalidOperationException("The class was not initialized.");

    [ClassInitialize(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task StartSharedRunAsync(TestContext context)
    {
        _ = context;
        s_run = await SharedRun.GetAsync();
    }
}
