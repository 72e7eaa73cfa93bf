using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.ServiceRuntime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BackgroundRoles.WebRole;

/// <summary>
/// <c>GET /health</c>: the instance's state from its own StatusCheck handlers, whether storage answers, and the
/// depth of each queue and of its poison queue, and the role's supervised background tasks as the worker's health
/// snapshot shows them (state, restarts, last error; the singletons this instance holds). 200 while the instance is
/// Ready and storage answers, else 503, so a load balancer probe takes it out of rotation; a background task's trouble
/// shows in its entry and, once the supervisor escalates, in the instance's status.
/// </summary>
internal static class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", async (WebRoleState state, JobStorage storage, CancellationToken cancellationToken) =>
        {
            var environment = state.Environment;
            var status = state.IsStopping ? "Stopping" : environment.CheckStatus().ToString();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(WebRoleDefaults.HealthStorageTimeout);
            var reachable = await PingAsync(storage, timeout.Token);
            var queues = new Dictionary<string, QueueHealth>(StringComparer.Ordinal);
            if (reachable)
            {
                foreach (var queue in JobQueues.All)
                {
                    queues[queue] = new QueueHealth(
                        await storage.GetApproximateQueueDepthAsync(queue, timeout.Token),
                        await storage.GetApproximateQueueDepthAsync(queue + "-poison", timeout.Token));
                }
            }

            var body = new HealthReport(
                environment.CurrentRoleInstance.RoleName,
                environment.CurrentRoleInstance.Id,
                environment.DeploymentId,
                status,
                Math.Round(state.Uptime.TotalSeconds, 1),
                new StorageHealth(reachable, queues),
                Background(state));
            return status == nameof(RoleInstanceStatus.Ready) && reachable
                ? Results.Ok(body)
                : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });

    private static async Task<bool> PingAsync(JobStorage storage, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.PingAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static BackgroundHealth? Background(WebRoleState state) => state.Supervisor is not { } supervisor ? null : new BackgroundHealth(
        supervisor.State.ToString(),
        supervisor.IsHealthy,
        supervisor.IsDegraded,
        state.HeldSingletons(),
        supervisor.GetHealth().Select(h => new BackgroundTaskHealth(h.Name, h.State.ToString(), h.Restarts, h.LastError, h.LastErrorAt, h.LastHeartbeat, h.Required)).ToList());

    internal sealed record HealthReport(string Role, string Instance, string DeploymentId, string Status, double UptimeSeconds, StorageHealth Storage, BackgroundHealth? Background);

    internal sealed record BackgroundHealth(string State, bool Healthy, bool Degraded, IReadOnlyList<string> Singletons, IReadOnlyList<BackgroundTaskHealth> Tasks);

    internal sealed record BackgroundTaskHealth(string Name, string State, int Restarts, string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? LastHeartbeat, bool Required);

    internal sealed record StorageHealth(bool Reachable, IReadOnlyDictionary<string, QueueHealth> Queues);

    internal sealed record QueueHealth(int? Depth, int? PoisonDepth);
}
