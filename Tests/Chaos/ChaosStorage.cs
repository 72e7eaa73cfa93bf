using System.Diagnostics;
using BackgroundRoles.Fabric.Storage;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Chaos;

/// <summary>
/// The Azurite of one chaos run, started with the fabric's launcher on three free loopback ports with its data in a
/// temporary folder, that can be taken away and brought back: <see cref="StopAsync"/> ends every process of it by
/// id (found by its data folder on their command lines, so a wrapper and its node child both end), and
/// <see cref="RestartAsync"/> starts it again on the same ports and the same data. Disposing ends it and deletes the folder.
/// </summary>
internal sealed class ChaosStorage : IAsyncDisposable
{
    /// <summary>How long Azurite gets to save its data and exit after SIGTERM before it gets SIGKILL.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly string _script;
    private readonly List<AzuriteProcess> _processes = [];

    private ChaosStorage(string script, string dataDirectory, (int Blob, int Queue, int Table) ports)
    {
        _script = script;
        DataDirectory = dataDirectory;
        Ports = ports;
    }

    public string DataDirectory { get; }

    public (int Blob, int Queue, int Table) Ports { get; }

    /// <summary>The connection string (its key is Azurite's public development key).</summary>
    public string ConnectionString => StorageConnection.ForAzurite(Ports.Blob, Ports.Queue, Ports.Table);

    public static async Task<ChaosStorage> StartAsync(string repositoryRoot)
    {
        string script = AzuriteProcess.FindScript(repositoryRoot)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root.");
        string data = Directory.CreateTempSubdirectory("backgroundroles-chaos-azurite-").FullName;
        var storage = new ChaosStorage(script, data, AzuriteProcess.FreePorts());
        try
        {
            await storage.RestartAsync().ConfigureAwait(false);
            return storage;
        }
        catch
        {
            await storage.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Ends every process of this Azurite by id: SIGTERM, then SIGKILL to what still runs after <see cref="StopGrace"/>.
    /// Returns how many got each.
    /// </summary>
    public async Task<(int Terminated, int Killed)> StopAsync()
    {
        var ids = Signals.FindByCommandLine(DataDirectory);
        if (ids.Count == 0)
        {
            throw new InvalidOperationException($"No Azurite process runs with data in {DataDirectory}.");
        }

        foreach (int id in ids)
        {
            await Signals.SendAsync(id, "TERM").ConfigureAwait(false);
        }

        var deadline = Stopwatch.StartNew();
        while (ids.Any(Signals.IsAlive) && deadline.Elapsed < StopGrace)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        int killed = 0;
        foreach (int id in ids.Where(Signals.IsAlive))
        {
            killed += await Signals.SendAsync(id, "KILL").ConfigureAwait(false) ? 1 : 0;
        }

        while (AzuriteProcess.IsListening(Ports.Queue) && deadline.Elapsed < StopGrace * 2)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        return (ids.Count - killed, killed);
    }

    /// <summary>Starts Azurite on the same ports and data folder, and waits until it listens.</summary>
    public async Task RestartAsync() =>
        _processes.Add(await AzuriteProcess.StartAsync(_script, DataDirectory, Ports.Blob, Ports.Queue, Ports.Table).ConfigureAwait(false));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived the run may still hold a file; the temporary folder is reclaimed later.
        }
    }
}
