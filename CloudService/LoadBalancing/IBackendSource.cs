namespace BackgroundRoles.LoadBalancing;

/// <summary>
/// Where a balancer may send traffic for one endpoint: the addresses of the instances that take traffic now (Ready; or
/// every running one when the endpoint says ignoreRoleInstanceStatus), <c>http://address:port/</c> for
/// <see cref="LoadBalancer"/> and <c>tcp://address:port/</c> for <see cref="TcpLoadBalancer"/>. Asked on every request
/// or connection, so it must be cheap: the fabric keeps the list current as instances change state.
/// </summary>
public interface IBackendSource
{
    IReadOnlyList<Uri> Backends { get; }
}
