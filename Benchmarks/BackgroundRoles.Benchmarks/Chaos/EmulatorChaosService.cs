using BackgroundRoles.Chaos;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Benchmarks.Chaos;

/// <summary>
/// The service the chaos scenarios work on in the harness: <c>./cloudservice run</c> of a <see cref="BenchmarkService"/>
/// copy (1 web, 2 worker instances) on a <see cref="ChaosStorage"/>; the fabric restarts a killed instance. Worker
/// processes are read from the control API, as <c>status --json</c> shows them.
/// </summary>
internal sealed class EmulatorChaosService : IChaosService, IAsyncDisposable
{
    public const int WorkerInstances = 2;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly BenchmarkService _service;
    private readonly EmulatorRun _run;

    private EmulatorChaosService(ChaosStorage storage, BenchmarkService service, EmulatorRun run, Uri webUrl)
    {
        Storage = storage;
        _service = service;
        _run = run;
        WebUrl = webUrl;
    }

    public Uri WebUrl { get; }

    public ChaosStorage Storage { get; }

    public static async Task<EmulatorChaosService> StartAsync(string root)
    {
        var storage = await ChaosStorage.StartAsync(root).ConfigureAwait(false);
        BenchmarkService? service = null;
        EmulatorRun? run = null;
        try
        {
            service = BenchmarkService.Create(root, storage.ConnectionString, webInstances: 1, workerInstances: WorkerInstances);
            run = EmulatorRun.Start(service);
            string[] instances = ["WebRole_IN_0", .. Enumerable.Range(0, WorkerInstances).Select(i => $"WorkerRole_IN_{i}")];
            await run.WaitReadyAsync(instances, TimeSpan.Zero, ReadyTimeout).ConfigureAwait(false);
            return new EmulatorChaosService(storage, service, run, run.PublicUrl("WebRole/HttpIn"));
        }
        catch
        {
            run?.Dispose();
            service?.Dispose();
            await storage.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IReadOnlyList<(string InstanceId, int ProcessId)>> RunningWorkersAsync() =>
        [.. (await _run.InstancesAsync().ConfigureAwait(false)).Values
            .Where(instance => instance.RoleName == "WorkerRole" && instance.ProcessId is not null && instance.State is InstanceState.Busy or InstanceState.Ready)
            .Select(instance => (instance.InstanceId, instance.ProcessId!.Value))];

    public async Task FreezeWorkersAsync(bool frozen)
    {
        using var setConfig = _service.Start(["set-config", "--state-dir", _run.StateDirectory, "--role", "WorkerRole", frozen ? "Freeze=true" : "Freeze=false"], "Freeze");
        int exitCode = await setConfig.WaitForExitAsync(ReadyTimeout).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"`./cloudservice set-config Freeze` exited with {exitCode}:\n{setConfig.Transcript()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _run.StopAsync().ConfigureAwait(false);
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"chaos: the emulator did not stop cleanly: {error.Message}");
        }

        _run.Dispose();
        _service.Dispose();
        await Storage.DisposeAsync().ConfigureAwait(false);
    }
}
