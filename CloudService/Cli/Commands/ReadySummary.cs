using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// Prints, once, the moment every instance of a starting deployment is first Ready: how long it took and the URLs to
/// use, so the last lines of a start say where the service is.
/// </summary>
internal sealed class ReadySummary : IDisposable
{
    private readonly LocalDeployment _deployment;
    private readonly int _expected;
    private readonly TextWriter _output;
    private readonly long _started = TimeProvider.System.GetTimestamp();
    private int _printed;

    public ReadySummary(LocalDeployment deployment, int expected, TextWriter output)
    {
        _deployment = deployment;
        _expected = expected;
        _output = output;
        _deployment.InstancesChanged += OnInstancesChanged;

        // The deployment may have started before this was made: the instances may all be Ready already.
        OnInstancesChanged(this, new InstancesChangedEventArgs(string.Empty, []));
    }

    public void Dispose() => _deployment.InstancesChanged -= OnInstancesChanged;

    private void OnInstancesChanged(object? sender, InstancesChangedEventArgs e)
    {
        var ready = _deployment.RoleNames.Sum(role => _deployment.GetInstances(role).Count(i => i.State == InstanceState.Ready));
        if (ready < _expected || Interlocked.Exchange(ref _printed, 1) == 1)
        {
            return;
        }

        var urls = _deployment.PublicEndpoints.Select(endpoint => $"{endpoint.Name} {endpoint.Url}").ToList();
        _output.WriteLine($"All {_expected} instances Ready in {TimeProvider.System.GetElapsedTime(_started).TotalSeconds:F1} s." +
            (urls.Count == 0 ? string.Empty : $" Service: {string.Join(", ", urls)}"));
        _output.Flush();
    }
}
