using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackgroundRoles.Chaos;
using BackgroundRoles.Tests;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// The service the CI-sized chaos tests work on: <c>./cloudservice run</c> (the real CLI, one web and one worker
/// instance) of a <see cref="ServiceCopy"/> on a <see cref="ChaosStorage"/> of its own, so that taking storage away
/// touches no other test. Worker processes are read with <c>status --json</c>; the fabric restarts a killed instance.
/// </summary>
internal sealed partial class ChaosService : IChaosService, IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly ServiceCopy _copy;
    private readonly CliProcess _run;

    private ChaosService(ChaosStorage storage, ServiceCopy copy, CliProcess run, Uri webUrl)
    {
        Storage = storage;
        _copy = copy;
        _run = run;
        WebUrl = webUrl;
    }

    public Uri WebUrl { get; }

    public ChaosStorage Storage { get; }

    /// <summary>Output of <c>run</c> so far, for failure messages.</summary>
    public string Output => _run.Output;

    public static async Task<ChaosService> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var storage = await ChaosStorage.StartAsync(RepositoryPaths.Root);
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["StorageConnectionString"] = storage.ConnectionString };
        var copy = new ServiceCopy(all);
        var run = CliProcess.Start(copy.Directory, "run");
        try
        {
            var line = await run.WaitForLineAsync(l => BalancerLine().IsMatch(l), Timeout);
            await run.WaitForLineAsync(l => l.StartsWith("All 2 instances Ready in ", StringComparison.Ordinal), Timeout);
            return new ChaosService(storage, copy, run, new Uri(BalancerLine().Match(line).Groups["url"].Value));
        }
        catch
        {
            run.Dispose();
            copy.Dispose();
            await storage.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<(string InstanceId, int ProcessId)>> RunningWorkersAsync()
    {
        var (exitCode, status) = await CliProcess.RunAsync(_copy.Directory, Timeout, "status", "--json");
        using (status)
        {
            if (exitCode != 0)
            {
                throw new InvalidOperationException("status --json failed: " + status.Output);
            }

            using var document = JsonDocument.Parse(status.Output);
            return
            [
                .. document.RootElement.GetProperty("roles").EnumerateArray()
                    .SelectMany(role => role.GetProperty("instances").EnumerateArray())
                    .Where(i => i.GetProperty("instanceId").GetString()!.StartsWith("WorkerRole_IN_", StringComparison.Ordinal)
                        && i.GetProperty("state").GetString() is "Ready" or "Busy"
                        && i.TryGetProperty("processId", out var id) && id.ValueKind == JsonValueKind.Number)
                    .Select(i => (i.GetProperty("instanceId").GetString()!, i.GetProperty("processId").GetInt32())),
            ];
        }
    }

    public async Task FreezeWorkersAsync(bool frozen)
    {
        var (exitCode, setConfig) = await CliProcess.RunAsync(_copy.Directory, Timeout, "set-config", "--role", "WorkerRole", frozen ? "Freeze=true" : "Freeze=false");
        using (setConfig)
        {
            if (exitCode != 0)
            {
                throw new InvalidOperationException("set-config Freeze failed: " + setConfig.Output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var (_, stop) = await CliProcess.RunAsync(_copy.Directory, Timeout, "stop");
            stop.Dispose();
            await _run.WaitForExitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            // Disposing the run ends its process tree.
        }

        _run.Dispose();
        await Storage.DisposeAsync();
        _copy.Dispose();
    }

    /// <summary>A seed for a test's random: fixed, so that a failure replays; stated in every failure message.</summary>
    public static Random Seeded(int seed) => new(seed);

    public static string Describe(int seed, string markdown) => string.Create(CultureInfo.InvariantCulture, $"seed {seed}\n{markdown}");

    [GeneratedRegex(@"^WebRole/HttpIn: (?<url>http://127\.0\.0\.1:\d+/) \(load balancer")]
    private static partial Regex BalancerLine();
}
