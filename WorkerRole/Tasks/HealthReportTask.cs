using System.Text.Json;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;

namespace BackgroundRoles.WorkerRole.Tasks;

/// <summary>
/// Writes the supervisor's health snapshot to <c>health.json</c> in a local resource every interval, atomically
/// (a temporary file renamed over the old one), so an operator or a probe can read it at any time.
/// </summary>
internal sealed class HealthReportTask(Supervisor supervisor, LocalResource resource, string instanceId, TimeSpan interval) : IBackgroundTask
{
    public const string FileName = "health.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Name => "health-report";

    public string FilePath => Path.Combine(resource.RootPath, FileName);

    public async Task RunAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteAsync(context.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            context.Heartbeat();
            await Task.Delay(interval, context.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task WriteAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = new
        {
            instanceId,
            writtenAt = now,
            state = supervisor.State.ToString(),
            healthy = supervisor.IsHealthy,
            tasks = supervisor.GetHealth().Select(h => new
            {
                h.Name,
                State = h.State.ToString(),
                h.Restarts,
                h.LastError,
                h.LastErrorAt,
                h.LastHeartbeat,
                h.Required,
            }),
        };
        Directory.CreateDirectory(resource.RootPath);
        var temporary = FilePath + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(snapshot, JsonOptions), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, FilePath, overwrite: true);
    }
}
