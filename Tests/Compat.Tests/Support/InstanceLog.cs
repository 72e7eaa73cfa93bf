using BackgroundRoles.Logging;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Compat.Tests.Support;

/// <summary>
/// The role host's logging, as the host sets it up: log4net configured by the shipped log4net.config, writing this
/// test run's instance log file, installed as the role's logger factory. Tests read what reached the file.
/// </summary>
[TestClass]
public static class InstanceLog
{
    private const string InstanceId = "CompatTests_IN_0";

    private static ILoggerFactory? s_factory;
    private static string s_directory = string.Empty;

    public static string FilePath => Path.Combine(s_directory, InstanceId + ".log");

    [AssemblyInitialize]
    public static void Configure(TestContext context)
    {
        _ = context;
        s_directory = Directory.CreateTempSubdirectory("compat-tests-log").FullName;
        var (factory, provider) = RoleLogging.CreateFactory(InstanceId, s_directory);
        s_factory = factory;
        RoleLoggerFactory.Install(factory, provider);
    }

    [AssemblyCleanup]
    public static void Shutdown()
    {
        RoleLoggerFactory.Install(null, null);
        s_factory?.Dispose();
        Directory.Delete(s_directory, recursive: true);
    }

    /// <summary>The lines of the log file that contain <paramref name="marker"/>.</summary>
    public static IReadOnlyList<string> LinesWith(string marker)
    {
        using var stream = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Where(l => l.Contains(marker, StringComparison.Ordinal)).Select(l => l.TrimEnd('\r'))];
    }
}
