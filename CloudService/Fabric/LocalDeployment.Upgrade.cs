using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>In-place upgrade: the instances of one update domain at a time move onto another package.</summary>
public sealed partial class LocalDeployment
{
    /// <summary>The update domains that hold instances now, in order.</summary>
    public IReadOnlyList<int> UpdateDomains()
    {
        lock (_gate)
        {
            return [.. _runners.Where(r => !r.IsStopRequested).Select(r => r.Spec.Descriptor.UpdateDomain).Distinct().Order()];
        }
    }

    /// <summary>
    /// Why <paramref name="model"/> cannot replace this deployment in place, one line each: the roles, the update domain
    /// count, an endpoint (of any kind: name, protocol, port) or a role's instance count differ. Empty when it can.
    /// </summary>
    public IReadOnlyList<string> UpgradeDifferences(ServiceModel.ServiceModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<string>();
        var running = Roles().ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var next = model.Definition.Roles.Where(r => r.Kind != RoleKind.Module).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        if (!running.Keys.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(next.Keys.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"the roles differ: {string.Join(", ", running.Keys)} run, the package has {string.Join(", ", next.Keys)}");
            return problems;
        }

        var domains = (_definition.UpgradeDomainCount ?? RoleInstanceBuilder.DefaultUpgradeDomainCount, model.Definition.UpgradeDomainCount ?? RoleInstanceBuilder.DefaultUpgradeDomainCount);
        if (domains.Item1 != domains.Item2)
        {
            problems.Add($"upgradeDomainCount differs: {domains.Item1} running, {domains.Item2} in the package");
        }

        foreach (var (name, role) in running)
        {
            var (ours, theirs) = (EndpointShapes(role), EndpointShapes(next[name]));
            if (!ours.SequenceEqual(theirs, StringComparer.Ordinal))
            {
                problems.Add($"{name}: the endpoints differ in name, protocol or port: {string.Join(", ", ours)} running, {string.Join(", ", theirs)} in the package");
            }

            var count = model.Configuration.FindRole(name)?.InstanceCount ?? 1;
            if (count != TargetCount(name))
            {
                problems.Add($"{name}: {TargetCount(name)} instances run, the configuration asks for {count}; scale first or give a configuration with {TargetCount(name)}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Each instance of <paramref name="domain"/> with the spec it runs now and the one <paramref name="model"/> and
    /// <paramref name="files"/> make for it (the same ports for its public endpoints; the new cscfg's settings, without
    /// set-config's changes to the old ones); the problems instead when an instance cannot be built.
    /// </summary>
    internal (IReadOnlyList<InstanceReplacement> Plan, IReadOnlyList<string> Errors) PlanDomain(int domain, ServiceModel.ServiceModel model, IReadOnlyDictionary<string, RoleFiles> files)
    {
        List<RoleInstanceRunner> runners;
        lock (_gate)
        {
            runners = [.. _runners.Where(r => !r.IsStopRequested && r.Spec.Descriptor.UpdateDomain == domain).OrderBy(r => r.RoleName, StringComparer.Ordinal).ThenBy(r => r.Index)];
        }

        var plan = new List<InstanceReplacement>();
        var errors = new List<string>();
        foreach (var runner in runners)
        {
            var role = model.Definition.Roles.First(r => string.Equals(r.Name, runner.RoleName, StringComparison.OrdinalIgnoreCase));
            var publicPorts = PublicEndpoints.Concat(ReserveInstancePublicEndpoints(role, runner.Index)).ToDictionary(e => e.Name, e => e.Port);
            var (spec, problems) = new RoleInstanceBuilder(Layout, Ports, publicPorts, _instancePorts, files)
                .Build(model.Definition, model.Configuration, role, runner.Index, DeploymentId, isEmulated: true);
            errors.AddRange(problems);
            if (spec is not null)
            {
                lock (_gate)
                {
                    plan.Add(new InstanceReplacement(runner, runner.Spec, spec.WithTopology(CurrentTopology())));
                }
            }
        }

        return (plan, errors);
    }

    /// <summary>
    /// From now on, new instances (a scale up) are built from <paramref name="model"/> and <paramref name="files"/>;
    /// set-config's changes to the old configuration are dropped, since the new cscfg holds the settings.
    /// </summary>
    internal void Adopt(ServiceModel.ServiceModel model, IReadOnlyDictionary<string, RoleFiles> files)
    {
        lock (_gate)
        {
            _definition = model.Definition;
            _configuration = model.Configuration;
            _roleFiles = files;
            _roleSettings.Clear();
        }
    }

    /// <summary>Each endpoint of the role as <c>kind name protocol port</c>, sorted.</summary>
    private static List<string> EndpointShapes(RoleDefinition role) =>
        [.. role.InputEndpoints.Select(e => $"input {e.Name} {e.Protocol} {e.Port}")
            .Concat(role.InternalEndpoints.Select(e => $"internal {e.Name} {e.Protocol} {e.FixedPort ?? e.Port}{(e.FixedPortRange is { } r ? $" {r.Min}-{r.Max}" : string.Empty)}"))
            .Concat(role.InstanceInputEndpoints.Select(e => $"instance-input {e.Name} {e.Protocol} {e.PublicPortRange?.Min}-{e.PublicPortRange?.Max}"))
            .Order(StringComparer.Ordinal)];
}
