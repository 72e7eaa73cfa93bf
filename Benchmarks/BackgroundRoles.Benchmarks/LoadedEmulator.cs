using System.Diagnostics;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The start-up the slot benchmarks share (<see cref="SwapBenchmark"/>, <see cref="UpgradeBenchmark"/>): the machine's
/// load sampled from the start, the benchmark's Azurite, a copy of the real service with as many web and worker
/// instances, <c>./cloudservice run</c> of it until every instance is Ready; then a command timed under a closed loop of
/// <c>GET /health</c> through the production balancer.
/// </summary>
internal sealed class LoadedEmulator : IAsyncDisposable
{
    private readonly BenchmarkAzurite _azurite;

    private LoadedEmulator(MachineLoad load, BenchmarkAzurite azurite, BenchmarkService service, EmulatorRun run)
    {
        Load = load;
        _azurite = azurite;
        Service = service;
        Run = run;
    }

    public MachineLoad Load { get; }

    public BenchmarkService Service { get; }

    public EmulatorRun Run { get; }

    /// <summary>Starts everything and waits until <c>WebRole_IN_0..n-1</c> and <c>WorkerRole_IN_0..n-1</c> are Ready.</summary>
    public static async Task<LoadedEmulator> StartAsync(string root, int instances, TimeSpan readyTimeout)
    {
        var load = MachineLoad.Start();
        var azurite = await BenchmarkAzurite.StartAsync(root).ConfigureAwait(false);
        BenchmarkService? service = null;
        EmulatorRun? run = null;
        try
        {
            service = BenchmarkService.Create(root, azurite.ConnectionString, webInstances: instances, workerInstances: instances);
            run = EmulatorRun.Start(service);
            string[] names = [.. Enumerable.Range(0, instances).SelectMany(i => new[] { $"WebRole_IN_{i}", $"WorkerRole_IN_{i}" })];
            _ = await run.WaitReadyAsync(names, TimeSpan.Zero, readyTimeout).ConfigureAwait(false);
            return new LoadedEmulator(load, azurite, service, run);
        }
        catch
        {
            run?.Dispose();
            service?.Dispose();
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> while <paramref name="clients"/> clients send <c>GET /health</c> through the
    /// production balancer, from <paramref name="steady"/> before it until <paramref name="steady"/> after; returns
    /// every request, the command's start and end (<see cref="Stopwatch"/> timestamps) and what it returned.
    /// </summary>
    public async Task<UnderLoad<T>> UnderLoadAsync<T>(int clients, TimeSpan steady, Func<Task<T>> command)
    {
        await using var recorder = RequestRecorder.Start(new Uri(Run.PublicUrl("WebRole/HttpIn"), "/health"), clients);
        await Task.Delay(steady).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var result = await command().ConfigureAwait(false);
        var ended = Stopwatch.GetTimestamp();
        await Task.Delay(steady).ConfigureAwait(false);
        return new UnderLoad<T>(await recorder.StopAsync().ConfigureAwait(false), started, ended, result);
    }

    public async ValueTask DisposeAsync()
    {
        Run.Dispose();
        Service.Dispose();
        await _azurite.DisposeAsync().ConfigureAwait(false);
    }
}
