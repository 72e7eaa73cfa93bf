using System.Reflection.PortableExecutable;
using System.Runtime.Versioning;
using System.Text.Json;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice package</c> on the repository's own service, through the real CLI.</summary>
[TestClass]
public sealed class PackageCommandTests
{
    [TestMethod]
    [UnsupportedOSPlatform("windows")]
    public async Task Package_RepositoryService_PublishesEachRoleIntoAReadOnlyApproot()
    {
        var state = Directory.CreateTempSubdirectory("package-state");
        try
        {
            var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, TimeSpan.FromMinutes(5), "package", "--state-dir", state.FullName);

            Assert.AreEqual(0, exitCode, cli.Output);
            var deployment = Directory.GetDirectories(Path.Combine(state.FullName, "deployments")).Single();
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(deployment, "deployment.json")));
            CollectionAssert.AreEquivalent(
                new[] { "WebRole", "WorkerRole" },
                manifest.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList());
            var worker = Path.Combine(deployment, "roles", "WorkerRole", "approot");
            Assert.IsTrue(File.Exists(Path.Combine(worker, "WorkerRole.dll")));
            Assert.IsTrue(File.Exists(Path.Combine(worker, "log4net.config")));
            Assert.IsTrue(File.Exists(Path.Combine(worker, "StartupTasks", "prepare-local-storage.sh")));
            Assert.IsTrue(Directory.EnumerateFiles(worker, "libSkiaSharp.so", SearchOption.AllDirectories).Any(), "native dependencies are published too");
            Assert.IsTrue(File.Exists(Path.Combine(deployment, "roles", "WebRole", "approot", "WebRole.dll")));
            foreach (var assembly in new[] { "WorkerRole.dll", "BackgroundRoles.Jobs.dll", "Microsoft.WindowsAzure.Storage.dll" })
            {
                Assert.IsTrue(IsReadyToRun(Path.Combine(worker, assembly)), $"{assembly} is published ReadyToRun (precompiled), the packages' assemblies too");
            }

            Assert.AreEqual(0, (int)(File.GetUnixFileMode(Path.Combine(worker, "WorkerRole.dll")) & UnixFileMode.UserWrite), "a deployment is read-only");
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(state.FullName, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserWrite);
            }

            state.Delete(recursive: true);
        }
    }

    /// <summary>A ReadyToRun image carries a managed native header (its precompiled code) in its CLI header.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var reader = new PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
