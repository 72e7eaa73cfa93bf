using System.Net;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>The runtime's endpoint in the SDK's shape, with the instance it belongs to.</summary>
internal sealed class AdaptedEndpoint(BackgroundRoles.ServiceRuntime.RoleInstanceEndpoint endpoint, RoleInstance instance) : RoleInstanceEndpoint
{
    public override IPEndPoint IPEndpoint => endpoint.IPEndpoint;

    public override string Protocol => endpoint.Protocol;

    public override IPEndPoint? PublicIPEndpoint => endpoint.PublicIPEndpoint;

    public override RoleInstance RoleInstance => instance;
}
