using BackgroundRoles.Fabric.Storage;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// An Azurite of one benchmark: started from the repository's node_modules on three free loopback ports (never the
/// default ones), its data in a temporary folder; killed and its folder deleted when disposed.
/// </summary>
internal sealed class BenchmarkAzurite : IAsyncDisposable
{
    private readonly AzuriteProcess _process;
    private readonly DirectoryInfo _data;

    private BenchmarkAzurite(AzuriteProcess process, DirectoryInfo data)
    {
        _process = process;
        _data = data;
    }

    /// <summary>The connection string of this Azurite (its account key is Azurite's public development key).</summary>
    public string ConnectionString => StorageConnection.ForAzurite(_process.BlobPort, _process.QueuePort, _process.TablePort);

    /// <summary>The ports and process of this Azurite, for counting the calls to each service and its CPU time.</summary>
    public int BlobPort => _process.BlobPort;

    public int QueuePort => _process.QueuePort;

    public int TablePort => _process.TablePort;

    public int ProcessId => _process.ProcessId;

    public static async Task<BenchmarkAzurite> StartAsync(string root)
    {
        string script = AzuriteProcess.FindScript(root)
            ?? throw new InvalidOperationException("Azurite is not installed: run 'npm ci' at the repository root.");
        DirectoryInfo data = Directory.CreateTempSubdirectory("backgroundroles-bench-azurite-");
        try
        {
            var (blob, queue, table) = AzuriteProcess.FreePorts();
            return new BenchmarkAzurite(await AzuriteProcess.StartAsync(script, data.FullName, blob, queue, table).ConfigureAwait(false), data);
        }
        catch
        {
            data.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        _data.Delete(recursive: true);
    }
}
