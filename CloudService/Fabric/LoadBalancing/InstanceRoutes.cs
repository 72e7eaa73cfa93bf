using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>
/// The instance input endpoints of a running deployment: a <see cref="TcpRoute"/> to each instance's own private port
/// on that instance's public port, opened when the instance appears (its first start, a scale up) and closed when it
/// leaves (a scale down), each said on the deployment's output.
/// </summary>
internal sealed class InstanceRoutes : IAsyncDisposable
{
    private readonly LocalDeployment _deployment;
    private readonly CoalescingRefresh _refresh;
    private readonly TaskCompletionSource<Task> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Touched by Refresh only, which runs on one thread at a time.
    private readonly Dictionary<string, TcpRoute> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _failed = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Task> _closing = [];
    private volatile bool _disposed;

    public InstanceRoutes(LocalDeployment deployment)
    {
        _deployment = deployment;
        _refresh = new CoalescingRefresh(Refresh);
        _deployment.InstancesChanged += OnInstancesChanged;
        _refresh.Request();
    }

    /// <summary>Closes every route (through the refresh, so none opens meanwhile) and returns once they are closed.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _deployment.InstancesChanged -= OnInstancesChanged;
        _refresh.Request();
        await (await _closed.Task.ConfigureAwait(false)).ConfigureAwait(false);
    }

    private void OnInstancesChanged(object? sender, InstancesChangedEventArgs e) => _refresh.Request();

    private void Refresh()
    {
        if (_closed.Task.IsCompleted)
        {
            return;
        }

        if (_disposed)
        {
            _closing.AddRange(_routes.Values.Select(r => r.DisposeAsync().AsTask()));
            _routes.Clear();
            _closed.SetResult(Task.WhenAll(_closing));
            return;
        }

        var wanted = _deployment.RoleNames
            .SelectMany(_deployment.GetInstances)
            .Select(i => i.InstanceId)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .SelectMany(_deployment.InstancePublicEndpoints)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var route in _routes.Values.Where(r => !wanted.ContainsKey(r.Endpoint.Name)).ToList())
        {
            _routes.Remove(route.Endpoint.Name);
            _closing.RemoveAll(t => t.IsCompleted);
            _closing.Add(route.DisposeAsync().AsTask());
            _deployment.Say($"{route.Endpoint.Name}: {route.Endpoint.Url} closed ({route.Endpoint.InstanceId} left)");
        }

        foreach (var endpoint in wanted.Values.Where(w => !_routes.ContainsKey(w.Name) && !_failed.Contains(w.Name)))
        {
            Open(endpoint);
        }
    }

    private void Open(PublicEndpoint endpoint)
    {
        try
        {
            _routes[endpoint.Name] = TcpRoute.Open(_deployment, endpoint);
            _deployment.Say(endpoint.Describe());
        }
        catch (IOException error)
        {
            // Said once: the instance runs on, reachable on its private port.
            _failed.Add(endpoint.Name);
            _deployment.Say($"error: {error.Message}; {endpoint.InstanceId} is reachable on its private port only ('./cloudservice status')");
        }
    }
}
