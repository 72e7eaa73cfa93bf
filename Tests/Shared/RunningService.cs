using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BackgroundRoles.Tests;

/// <summary>
/// The repository's service against the test Azurite: a web role and, when asked, a worker role, each a real
/// process started through the real CLI; an HttpClient on the web role's loopback endpoint.
/// </summary>
internal sealed partial class RunningService : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private RunningService(ServiceCopy service, CliProcess web, HttpClient http)
    {
        Service = service;
        Web = web;
        Http = http;
    }

    public ServiceCopy Service { get; }

    public CliProcess Web { get; }

    public CliProcess? Worker { get; private set; }

    public HttpClient Http { get; }

    /// <summary>
    /// Starts the roles with the test Azurite's connection string, unless <paramref name="settings"/> names another;
    /// <paramref name="webRoleSettings"/> are web role settings the repository's csdef does not declare (see <see cref="ServiceCopy"/>).
    /// </summary>
    public static async Task<RunningService> StartAsync(bool withWorker, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? webRoleSettings = null)
    {
        var all = new Dictionary<string, string> { ["StorageConnectionString"] = TestAzurite.ConnectionString };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        var service = new ServiceCopy(all, webRoleSettings: webRoleSettings);
        var web = service.Host("WebRole");
        var line = await web.WaitForLineAsync(l => EndpointLine().IsMatch(l), Timeout);
        var http = new HttpClient { BaseAddress = new Uri(EndpointLine().Match(line).Groups["url"].Value) };
        var running = new RunningService(service, web, http);
        if (withWorker)
        {
            await running.StartWorkerAsync();
        }

        await running.WaitForHealthyAsync();
        return running;
    }

    public async Task StartWorkerAsync()
    {
        Worker?.Dispose();
        Worker = Service.Host("WorkerRole");
        await Worker.WaitForLineAsync(l => l.Contains("Run entered", StringComparison.Ordinal), Timeout);
    }

    /// <summary>Stops the worker role (SIGTERM, then its graceful stop), so the web role runs on alone.</summary>
    public void StopWorker()
    {
        Stop(Worker);
        Worker = null;
    }

    /// <summary>The process id of the worker role itself (not the CLI that hosts it).</summary>
    public async Task<int> WorkerRoleProcessIdAsync()
    {
        var line = await Worker!.WaitForLineAsync(l => StartedLine().IsMatch(l), Timeout);
        return int.Parse(StartedLine().Match(line).Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SIGKILL to the worker role's own process (not the CLI that hosts it): no Stopping, no OnStop, no drain.</summary>
    public async Task KillWorkerRoleAsync()
    {
        var line = await Worker!.WaitForLineAsync(l => StartedLine().IsMatch(l), Timeout);
        using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", StartedLine().Match(line).Groups["pid"].Value]);
        await kill.WaitForExitAsync();
        await Worker.WaitForExitAsync(Timeout);
    }

    /// <summary>Polls a job's status until it reaches one of the final states.</summary>
    public async Task<JsonElement> WaitForJobAsync(string jobId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            var status = await Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            if (status.GetProperty("state").GetString() is "Succeeded" or "Failed" or "Poisoned")
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} is still {status}. Worker: {Worker?.Output}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        Stop(Worker);
        Stop(Web);
        Service.Dispose();
    }

    private static void Stop(CliProcess? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            process.Signal("TERM");
            process.WaitForExitAsync(Timeout).GetAwaiter().GetResult();
        }
        catch (TimeoutException)
        {
            // Disposing kills it.
        }

        process.Dispose();
    }

    private async Task WaitForHealthyAsync()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The web role never became healthy: " + Web.Output);
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^WorkerRole_IN_0: started as process (?<pid>\d+);")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"endpoint HttpIn at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex EndpointLine();
}
