using System.Text.Json;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.WorkerRole.Tasks;

/// <summary>
/// Writes the supervisor's health snapshot to <c>health.json</c> in a local resource at each run (a periodic task of
/// the role's kit), atomically (a temporary file renamed over the old one), so an operator or a probe can read it at
/// any time. It lists the singleton tasks this instance holds (<paramref name="heldSingletons"/>).
/// </summary>
internal sealed class HealthReportTask(Supervisor supervisor, LocalResource resource, string instanceId, Func<IReadOnlyList<string>> heldSingletons) : IPeriodicTask
{
    public const string FileName = "health.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Name => "health-report";

    public string FilePath => Path.Combine(resource.RootPath, FileName);

    public Task RunOnceAsync(BackgroundTaskContext context, CancellationToken cancellationToken) =>
        WriteAsync(context.TimeProvider.GetUtcNow(), cancellationToken);

    internal async Task WriteAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var snapshot = new
        {
            instanceId,
            writtenAt = now,
            state = supervisor.State.ToString(),
            healthy = supervisor.IsHealthy,
            degraded = supervisor.IsDegraded,
            singletons = heldSingletons(),
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
