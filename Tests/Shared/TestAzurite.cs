using BackgroundRoles.Fabric.Storage;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Tests;

/// <summary>
/// A real Azurite for a test assembly, on free loopback ports with its data in a temporary folder; started once
/// by the assembly's initializer and ended by its cleanup. Queue behaviour in the tests is never mocked.
/// </summary>
internal static class TestAzurite
{
    private static AzuriteProcess? s_azurite;
    private static string? s_dataDirectory;

    public static string ConnectionString =>
        s_azurite is { } azurite
            ? StorageConnection.ForAzurite(azurite.BlobPort, azurite.QueuePort, azurite.TablePort)
            : throw new InvalidOperationException("Azurite was not started: call TestAzurite.StartAsync from [AssemblyInitialize].");

    public static AzuriteProcess Process => s_azurite ?? throw new InvalidOperationException("Azurite was not started.");

    public static async Task StartAsync()
    {
        var script = AzuriteProcess.FindScript(RepositoryPaths.Root)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root (./test.sh does).");
        s_dataDirectory = Path.Combine(Path.GetTempPath(), "backgroundroles-azurite", Guid.NewGuid().ToString("N"));
        var (blob, queue, table) = AzuriteProcess.FreePorts();
        s_azurite = await AzuriteProcess.StartAsync(script, s_dataDirectory, blob, queue, table);
    }

    public static async Task StopAsync()
    {
        if (s_azurite is not null)
        {
            await s_azurite.DisposeAsync();
            s_azurite = null;
        }

        if (s_dataDirectory is not null && Directory.Exists(s_dataDirectory))
        {
            Directory.Delete(s_dataDirectory, recursive: true);
        }
    }
}
