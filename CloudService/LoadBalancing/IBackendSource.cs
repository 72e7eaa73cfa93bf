namespace BackgroundRoles.LoadBalancing;

/// <summary>
/// Where the balancer may send a request for one input endpoint: the base addresses of the instances that take
/// traffic now (Ready; or every running one when the endpoint says ignoreRoleInstanceStatus). Asked on every
/// request, so it must be cheap: the fabric keeps the list current as instances change state.
/// </summary>
public interface IBackendSource
{
    IReadOnlyList<Uri> Backends { get; }
}
