using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Fabric.Storage;

/// <summary>
/// Azurite, the Azure Storage emulator from npm (pinned in the repository's package.json), as a child process
/// listening on loopback only, telemetry off, its data in a folder of its own. Started by the fabric when a
/// role's connection string is <c>UseDevelopmentStorage=true</c> and nothing listens yet, and by the tests on
/// free ports.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable, IDisposable
{
    /// <summary>The ports <c>UseDevelopmentStorage=true</c> means.</summary>
    public const int DefaultBlobPort = StorageConnection.DevelopmentBlobPort;

    public const int DefaultQueuePort = StorageConnection.DevelopmentQueuePort;

    public const int DefaultTablePort = StorageConnection.DevelopmentTablePort;

    /// <summary>How long Azurite may take to listen.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private AzuriteProcess(Process process, string script, string dataDirectory, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Script = script;
        DataDirectory = dataDirectory;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        ProcessId = process.Id;
        Exited = process.WaitForExitAsync();
    }

    /// <summary>The Azurite entry script it runs.</summary>
    public string Script { get; }

    /// <summary>Where it keeps its data (<c>--location</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>The node process that runs Azurite.</summary>
    public int ProcessId { get; }

    /// <summary>Completes when the process has exited, for whatever reason.</summary>
    public Task Exited { get; }

    /// <summary>The process's exit code once it has exited; null before.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>The Azurite entry script under <paramref name="repositoryRoot"/>'s node_modules, or null when it is not installed.</summary>
    public static string? FindScript(string repositoryRoot)
    {
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        return File.Exists(script) ? script : null;
    }

    /// <summary>True when something already listens on the port on loopback.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Starts Azurite again as <paramref name="previous"/> was started: the same script, ports and data folder.</summary>
    public static Task<AzuriteProcess> RestartAsync(AzuriteProcess previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return StartAsync(previous.Script, previous.DataDirectory, previous.BlobPort, previous.QueuePort, previous.TablePort, cancellationToken);
    }

    /// <summary>Starts Azurite and waits until its three services listen.</summary>
    public static async Task<AzuriteProcess> StartAsync(string script, string dataDirectory, int blobPort, int queuePort, int tablePort, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDirectory);
        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        foreach (var argument in new[]
        {
            script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--location", dataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", Port(blobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(queuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(tablePort),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, script, dataDirectory, blobPort, queuePort, tablePort);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!(IsListening(blobPort) && IsListening(queuePort) && IsListening(tablePort)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"Azurite did not start: {string.Join(Environment.NewLine, output)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return azurite;
    }

    /// <summary>Three free loopback ports for an Azurite of a test.</summary>
    public static (int Blob, int Queue, int Table) FreePorts()
    {
        var allocator = new PortAllocator();
        return (allocator.Allocate(null), allocator.Allocate(null), allocator.Allocate(null));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
