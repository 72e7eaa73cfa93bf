using BackgroundRoles.ServiceRuntime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BackgroundRoles.WebRole;

/// <summary>
/// <c>GET /health</c>: 200 with the instance's state while it is Ready, 503 while it is Busy or stopping, so a
/// load balancer probe takes it out of rotation. The status comes from the role's own StatusCheck handlers.
/// </summary>
internal static class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", (WebRoleState state) =>
        {
            var environment = state.Environment;
            var status = state.IsStopping ? "Stopping" : environment.CheckStatus().ToString();
            var body = new HealthReport(
                environment.CurrentRoleInstance.RoleName,
                environment.CurrentRoleInstance.Id,
                environment.DeploymentId,
                status,
                Math.Round(state.Uptime.TotalSeconds, 1));
            return status == nameof(RoleInstanceStatus.Ready)
                ? Results.Ok(body)
                : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });

    internal sealed record HealthReport(string Role, string Instance, string DeploymentId, string Status, double UptimeSeconds);
}
