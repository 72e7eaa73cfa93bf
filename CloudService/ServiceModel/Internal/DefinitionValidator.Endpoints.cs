namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Port ranges, endpoint references and public port clashes.</summary>
internal sealed partial class DefinitionValidator
{
    /// <summary>The idle timeouts the platform's load balancer accepted, in minutes.</summary>
    private const int MinIdleTimeoutInMinutes = 4;

    private const int MaxIdleTimeoutInMinutes = 30;

    private void CheckEndpoints(RoleDefinition role)
    {
        foreach (var endpoint in role.InputEndpoints)
        {
            CheckPort(endpoint.Port, $"endpoint '{endpoint.Name}' port", endpoint.Location);
            CheckPort(endpoint.LocalPort, $"endpoint '{endpoint.Name}' localPort", endpoint.Location);
            CheckInputEndpointReferences(role, endpoint);
            if (endpoint.IdleTimeoutInMinutes is { } idle and (< MinIdleTimeoutInMinutes or > MaxIdleTimeoutInMinutes))
            {
                _diagnostics.Error(
                    endpoint.Location,
                    $"endpoint '{endpoint.Name}' idleTimeoutInMinutes {idle} must be from {MinIdleTimeoutInMinutes} to {MaxIdleTimeoutInMinutes}");
            }
        }

        foreach (var endpoint in role.InternalEndpoints)
        {
            CheckPort(endpoint.Port, $"endpoint '{endpoint.Name}' port", endpoint.Location);
            CheckPort(endpoint.FixedPort, $"endpoint '{endpoint.Name}' FixedPort", endpoint.Location);
            CheckRange(endpoint.FixedPortRange, endpoint.Name);

            // The port attribute and a FixedPort/FixedPortRange child both pin the port; they must agree.
            if (endpoint.Port is { } port && endpoint.FixedPort is { } fixedPort && port != fixedPort)
            {
                _diagnostics.Error(endpoint.Location, $"endpoint '{endpoint.Name}' port {port} differs from its FixedPort {fixedPort}");
            }

            if (endpoint.Port is { } rangedPort && endpoint.FixedPortRange is { Min: not null, Max: not null } range
                && !range.Contains(rangedPort))
            {
                _diagnostics.Error(
                    endpoint.Location,
                    $"endpoint '{endpoint.Name}' port {rangedPort} lies outside its FixedPortRange {range.Min}-{range.Max}");
            }
        }

        // An instance input endpoint's localPort need not lie in its public range: the range is for the public
        // ports the load balancer allocates (NuGetGallery forwards 8081-8089 to local port 80, for example).
        foreach (var endpoint in role.InstanceInputEndpoints)
        {
            CheckPort(endpoint.LocalPort, $"endpoint '{endpoint.Name}' localPort", endpoint.Location);
            CheckRange(endpoint.PublicPortRange, endpoint.Name);
        }
    }

    private void CheckInputEndpointReferences(RoleDefinition role, InputEndpoint endpoint)
    {
        if (endpoint.Certificate is { } certificate)
        {
            // A warning, not an error: real projects (NuGetGallery's scripts) let a build step add the declaration.
            if (!role.Certificates.Any(c => c.Name == certificate))
            {
                _diagnostics.Warning(
                    endpoint.Location,
                    $"endpoint '{endpoint.Name}' uses certificate '{certificate}', which role '{role.Name}' does not declare in <Certificates>");
            }
        }
        else if (endpoint.Protocol == EndpointProtocol.Https)
        {
            _diagnostics.Warning(endpoint.Location, $"https endpoint '{endpoint.Name}' names no certificate");
        }

        if (endpoint.LoadBalancerProbe is { } probe && !definition.LoadBalancerProbes.Any(p => p.Name == probe))
        {
            _diagnostics.Error(
                endpoint.Location,
                $"endpoint '{endpoint.Name}' uses load balancer probe '{probe}', which the service does not declare");
        }
    }

    private void CheckRange(PortRange? range, string endpointName)
    {
        if (range is null)
        {
            return;
        }

        CheckPort(range.Min, $"endpoint '{endpointName}' FixedPortRange min", range.Location);
        CheckPort(range.Max, $"endpoint '{endpointName}' FixedPortRange max", range.Location);
        if (range.Min > range.Max)
        {
            _diagnostics.Error(range.Location, $"endpoint '{endpointName}' FixedPortRange min {range.Min} is greater than max {range.Max}");
        }
    }

    private void CheckPort(int? port, string what, SourceLocation at)
    {
        if (port is { } value && value is < ServiceModelNames.MinPort or > ServiceModelNames.MaxPort)
        {
            _diagnostics.Error(at, $"{what} {value} is outside {ServiceModelNames.MinPort}..{ServiceModelNames.MaxPort}");
        }
    }

    /// <summary>Two input endpoints of one transport cannot share a public port anywhere in the service.</summary>
    private void CheckPublicPortsUnique()
    {
        var endpoints = definition.Roles
            .Where(r => r.Kind != RoleKind.Module)
            .SelectMany(r => r.InputEndpoints.Select(e => (Role: r.Name, Endpoint: e)))
            .Where(x => x.Endpoint.Port is not null);
        var first = new Dictionary<(int, bool), (string Role, InputEndpoint Endpoint)>();
        foreach (var entry in endpoints)
        {
            var key = (entry.Endpoint.Port!.Value, entry.Endpoint.Protocol == EndpointProtocol.Udp);
            if (!first.TryAdd(key, entry))
            {
                var earlier = first[key];
                _diagnostics.Error(
                    entry.Endpoint.Location,
                    $"public port {key.Item1} of endpoint '{entry.Endpoint.Name}' is already used by endpoint '{earlier.Endpoint.Name}' of role '{earlier.Role}'");
            }
        }
    }
}
