using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.WebRole;

/// <summary>
/// Every response names the deployment that served it in <see cref="WebRoleDefaults.DeploymentIdHeader"/>, so an
/// operator (or a test) can see where a VIP swap or an upgrade sends the traffic.
/// </summary>
internal static class DeploymentHeader
{
    /// <summary>Adds the header when each response starts, so error pages and problem details carry it too.</summary>
    public static void Use(WebApplication app, string deploymentId) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[WebRoleDefaults.DeploymentIdHeader] = deploymentId;
                return Task.CompletedTask;
            });
            return next(context);
        });
}
