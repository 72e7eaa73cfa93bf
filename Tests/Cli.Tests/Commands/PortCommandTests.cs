using System.Security.Cryptography;
using System.Text.Json;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>port</c> through the real CLI on the classic projects of Tests/Fixtures/Porting, copied to a temporary folder:
/// one port (and build) of the solution folder and one of the role with unported APIs, shared by the tests.
/// </summary>
[TestClass]
public sealed class PortCommandTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static string s_root = string.Empty;
    private static Dictionary<string, string> s_originals = [];
    private static (int ExitCode, string Output) s_service;
    private static (int ExitCode, string Output) s_legacy;

    [ClassInitialize]
    public static async Task PortFixturesAsync(TestContext context)
    {
        s_root = Path.Combine(Path.GetTempPath(), "backgroundroles-tests", "port-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "Porting"), s_root);
        s_originals = Hashes(s_root);
        var (serviceExit, service) = await CliProcess.RunAsync(s_root, BuildTimeout, "port", "ClassicService");
        using (service)
        {
            s_service = (serviceExit, service.Output);
        }

        var (legacyExit, legacy) = await CliProcess.RunAsync(s_root, BuildTimeout, "port", Path.Combine("LegacyStorageRole", "LegacyStorageRole.csproj"), "--json");
        using (legacy)
        {
            s_legacy = (legacyExit, legacy.Output);
        }
    }

    [ClassCleanup]
    public static void RemoveCopies()
    {
        if (Directory.Exists(s_root))
        {
            Directory.Delete(s_root, recursive: true);
        }
    }

    [TestMethod]
    public async Task Port_SolutionFolder_BuildsAndEveryInstanceReachesReadyUnderRun()
    {
        Assert.AreEqual(0, s_service.ExitCode, s_service.Output);
        var ported = Path.Combine(s_root, "ClassicService", "ClassicService.Ported");
        StringAssert.Contains(File.ReadAllText(Path.Combine(ported, "ServiceDefinition.csdef")), "assemblyName=\"ClassicService.Backend.dll\"");
        Assert.IsFalse(File.Exists(Path.Combine(ported, "WorkerRoleA", "Program.cs")), "the entry point comes from the compat props");

        using var run = CliProcess.Start(ported, "run", "--state-dir", Path.Combine(ported, "state"));
        try
        {
            await run.WaitForLineAsync(l => l.StartsWith("All 3 instances Ready", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            StringAssert.Contains(run.Output, "\"greeting\":\"hello from the Local cscfg\",\"fromAppConfig\":\"app.config value\",\"content\":\"greetings from a content file\"");
        }
        finally
        {
            run.Signal("INT");
            await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
    }

    [TestMethod]
    public void Port_RoleWithUnportedApis_ListsEachWithItsLineAndExits1()
    {
        Assert.AreEqual(1, s_legacy.ExitCode, s_legacy.Output);
        using var report = JsonDocument.Parse(s_legacy.Output);
        Assert.IsFalse(report.RootElement.GetProperty("built").GetBoolean());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (File: Path.GetFileName(f.GetProperty("file").GetString()!), Line: f.GetProperty("line").GetInt32(), Rule: f.GetProperty("rule").GetString()!, Message: f.GetProperty("message").GetString()!))
            .ToList();
        CollectionAssert.Contains(findings.Select(f => (f.File, f.Line, f.Rule)).ToList(), ("WorkerRole.cs", 4, "storage-client-1x"), string.Join("\n", findings));
        CollectionAssert.Contains(findings.Select(f => (f.File, f.Line, f.Rule)).ToList(), ("WorkerRole.cs", 13, "storage-client-1x"), string.Join("\n", findings));
        Assert.IsTrue(findings.Any(f => f is { File: "Uploader.cs", Line: 13, Rule: "storage-sync-call" } && f.Message.StartsWith("AddMessage", StringComparison.Ordinal)), string.Join("\n", findings));
        Assert.IsTrue(findings.Any(f => f is { File: "Uploader.cs", Line: 15, Rule: "storage-sync-call" } && f.Message.StartsWith("UploadText", StringComparison.Ordinal)), string.Join("\n", findings));
        Assert.IsFalse(findings.Any(f => f.File == "Uploader.cs" && f.Line is 10 or 11), "the async-free lines are not reported");
    }

    [TestMethod]
    public void Port_Always_LeavesTheOriginalFilesByteForByteUnchanged()
    {
        var now = Hashes(s_root);
        foreach (var (file, hash) in s_originals)
        {
            Assert.IsTrue(now.TryGetValue(file, out var current), $"{file} is gone");
            Assert.AreEqual(hash, current, $"{file} changed");
        }
    }

    [TestMethod]
    public async Task Port_MissingPath_ExitsWithUsageErrorNamingIt()
    {
        var (exitCode, cli) = await CliProcess.RunAsync(s_root, TimeSpan.FromSeconds(60), "port", "NoSuchRole");
        using var _ = cli;
        Assert.AreEqual(2, exitCode, cli.Output);
        StringAssert.Contains(cli.Output, "NoSuchRole: no such file or folder");
    }

    /// <summary>The hash of every file under the fixtures' copy except what a port writes (its .Ported folders).</summary>
    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".Ported", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
