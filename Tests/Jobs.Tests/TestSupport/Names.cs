namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>Unique storage names per test, so tests can run in parallel against one Azurite.</summary>
internal static class Names
{
    /// <summary>A queue name of 13 characters: valid, and so is its poison queue.</summary>
    public static string Queue(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..12];
}
