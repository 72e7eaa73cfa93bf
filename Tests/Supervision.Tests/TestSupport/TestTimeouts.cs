namespace BackgroundRoles.Supervision.Tests.TestSupport;

internal static class TestTimeouts
{
    /// <summary>Real-time guard on every await: a bug fails the test instead of hanging it. Never reached when green.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
}
