namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Checks a definition on its own: roles, names, ports and references between its elements.</summary>
internal sealed partial class DefinitionValidator(ServiceDefinition definition)
{
    private const int MaxUpgradeDomains = 20;

    private readonly DiagnosticBag _diagnostics = new();

    public IReadOnlyList<Diagnostic> Run()
    {
        if (definition.Roles.Count == 0)
        {
            _diagnostics.Error(definition.Location, $"service '{definition.Name}' declares no roles; at least one is required");
        }

        // The platform treats role names as case-insensitive, so "Web" and "web" collide.
        DuplicateFinder.Report(definition.Roles, r => r.Name, r => r.Location, StringComparer.OrdinalIgnoreCase, "role", _diagnostics);
        if (definition.UpgradeDomainCount is { } domains && domains is < 1 or > MaxUpgradeDomains)
        {
            _diagnostics.Error(definition.Location, $"upgradeDomainCount {domains} is outside 1..{MaxUpgradeDomains}");
        }

        DuplicateFinder.Report(definition.LoadBalancerProbes, p => p.Name, p => p.Location, StringComparer.Ordinal, "load balancer probe", _diagnostics);
        foreach (var probe in definition.LoadBalancerProbes)
        {
            CheckPort(probe.Port, $"load balancer probe '{probe.Name}' port", probe.Location);
        }

        foreach (var role in definition.Roles)
        {
            CheckNames(role);
            CheckEndpoints(role);
            CheckSites(role);
            CheckInstanceValueReferences(role);
            foreach (var storage in role.LocalStorage.Where(s => s.SizeInMB < 1))
            {
                _diagnostics.Error(storage.Location, $"local storage '{storage.Name}' sizeInMB must be at least 1, not {storage.SizeInMB}");
            }
        }

        CheckPublicPortsUnique();
        return _diagnostics.ToList();
    }

    private void CheckNames(RoleDefinition role)
    {
        var scope = $" in role '{role.Name}'";
        DuplicateFinder.Report(role.ConfigurationSettings, s => s.Name, s => s.Location, StringComparer.Ordinal, "setting", _diagnostics, scope);
        var endpoints = role.InputEndpoints.Select(e => (e.Name, e.Location))
            .Concat(role.InternalEndpoints.Select(e => (e.Name, e.Location)))
            .Concat(role.InstanceInputEndpoints.Select(e => (e.Name, e.Location)))
            .OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column);
        DuplicateFinder.Report(endpoints, e => e.Name, e => e.Location, StringComparer.Ordinal, "endpoint", _diagnostics, scope);
        DuplicateFinder.Report(role.LocalStorage, s => s.Name, s => s.Location, StringComparer.Ordinal, "local storage", _diagnostics, scope);
        DuplicateFinder.Report(role.Certificates, c => c.Name, c => c.Location, StringComparer.Ordinal, "certificate", _diagnostics, scope);
        DuplicateFinder.Report(role.Sites, s => s.Name, s => s.Location, StringComparer.Ordinal, "site", _diagnostics, scope);
        DuplicateFinder.Report(
            role.Imports, i => i.ModuleName, i => i.Location, StringComparer.OrdinalIgnoreCase, "import", _diagnostics, scope,
            DiagnosticSeverity.Warning);
    }

    private void CheckSites(RoleDefinition role)
    {
        // Sites are served through input or internal endpoints; an instance input endpoint cannot carry a binding.
        var bindable = role.InputEndpoints.Select(e => e.Name)
            .Concat(role.InternalEndpoints.Select(e => e.Name))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var binding in role.Sites.SelectMany(s => s.Bindings))
        {
            if (binding.EndpointName.Length > 0 && !bindable.Contains(binding.EndpointName))
            {
                _diagnostics.Error(
                    binding.Location,
                    $"binding '{binding.Name}' refers to endpoint '{binding.EndpointName}', which role '{role.Name}' does not declare");
            }
        }
    }

    private void CheckInstanceValueReferences(RoleDefinition role)
    {
        var variables = role.StartupTasks.SelectMany(t => t.Environment)
            .Concat(role.Runtime?.Environment ?? []);
        foreach (var value in variables.Select(v => v.RoleInstanceValue).OfType<RoleInstanceValue>())
        {
            var reference = value.Reference;
            var name = reference.TargetName ?? "";
            var (exists, what) = reference.Kind switch
            {
                RoleInstanceReferenceKind.Endpoint => (role.EndpointNames.Contains(name, StringComparer.Ordinal), "endpoint"),
                RoleInstanceReferenceKind.LocalResource => (role.LocalStorage.Any(s => s.Name == name), "local resource"),
                RoleInstanceReferenceKind.ConfigurationSetting =>
                    (role.ConfigurationSettings.Any(s => s.Name == name) || role.IsImplicitFromImport(name), "setting"),
                _ => (true, ""),
            };

            // A dangling reference yields an empty value at run time rather than a failed deployment: a warning.
            if (reference.Kind == RoleInstanceReferenceKind.Unrecognized)
            {
                _diagnostics.Warning(value.Location, $"RoleInstanceValue xpath '{value.XPath}' is not a recognised form; it is not checked");
            }
            else if (!exists)
            {
                _diagnostics.Warning(
                    value.Location,
                    $"RoleInstanceValue xpath refers to {what} '{name}', which role '{role.Name}' does not declare");
            }
        }
    }
}
