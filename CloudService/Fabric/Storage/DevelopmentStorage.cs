using BackgroundRoles.Jobs;

namespace BackgroundRoles.Fabric.Storage;

/// <summary>
/// Starts Azurite for a local run when a role asks for <c>UseDevelopmentStorage=true</c> and nothing listens
/// on the development storage ports yet (another Azurite, or the one of an earlier run, is used as it is).
/// </summary>
public static class DevelopmentStorage
{
    /// <summary>True when any of the instances' settings is a development storage connection string.</summary>
    public static bool IsRequested(IEnumerable<RoleInstanceSpec> specs) =>
        specs.Any(s => s.Descriptor.Settings.Values.Any(StorageConnection.IsDevelopmentStorage));

    /// <summary>
    /// Starts Azurite on the default ports when needed; null when it was not needed or already listens.
    /// Throws <see cref="InvalidOperationException"/> with a plain reason when it cannot be started.
    /// </summary>
    public static async Task<AzuriteProcess?> EnsureRunningAsync(IEnumerable<RoleInstanceSpec> specs, FabricLayout layout, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!IsRequested(specs))
        {
            return null;
        }

        if (AzuriteProcess.IsListening(AzuriteProcess.DefaultQueuePort))
        {
            output.WriteLine($"Development storage: already listening on 127.0.0.1:{AzuriteProcess.DefaultQueuePort}; using it.");
            return null;
        }

        var script = AzuriteProcess.FindScript(layout.ToolsRoot) ?? AzuriteProcess.FindScript(layout.ServiceRoot)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' in the repository root (./cloudservice does it when needed).");
        var dataDirectory = Path.Combine(layout.StateDirectory, "azurite");
        output.WriteLine("Development storage: starting Azurite on 127.0.0.1 ports 10000-10002...");
        output.Flush();
        var started = TimeProvider.System.GetTimestamp();
        var azurite = await AzuriteProcess.StartAsync(
            script, dataDirectory, AzuriteProcess.DefaultBlobPort, AzuriteProcess.DefaultQueuePort, AzuriteProcess.DefaultTablePort, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Development storage: Azurite ready in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s (process {azurite.ProcessId}); data in {dataDirectory}");
        return azurite;
    }
}
