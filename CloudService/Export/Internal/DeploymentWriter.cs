using System.Globalization;
using BackgroundRoles.Export.Internal.Yaml;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>
/// A role's Deployment (instances as pods, one update domain's worth unavailable at a time, the stop budget as the
/// grace period, probes on the host's <c>/ready</c> and <c>/live</c>) and its PodDisruptionBudget.
/// </summary>
internal static partial class DeploymentWriter
{
    public static YamlMap Deployment(ExportContext context, RolePlan plan)
    {
        var selector = new YamlMap { [ExportDefaults.RoleLabel] = plan.Name, [ExportDefaults.SlotLabel] = ExportDefaults.ProductionSlot };
        var podLabels = new YamlMap
        {
            [ExportDefaults.RoleLabel] = plan.Name,
            [ExportDefaults.ServiceLabel] = context.ServiceName,
            [ExportDefaults.SlotLabel] = ExportDefaults.ProductionSlot,
        };
        var (mounts, volumes) = Volumes(context, plan);
        var initContainers = InitContainers(context, plan, mounts);
        var pod = new YamlMap
        {
            ["terminationGracePeriodSeconds"] = (long)Math.Ceiling((plan.StopBudget + ExportDefaults.TerminationMargin).TotalSeconds),
            ["initContainers"] = initContainers.Count > 0 ? initContainers : null,
            ["containers"] = new List<object> { Container(context, plan, mounts) },
            ["volumes"] = volumes,
        };
        return new YamlMap
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = ConfigMapWriter.Metadata(context, plan, plan.Name),
            ["spec"] = new YamlMap
            {
                ["replicas"] = plan.Replicas,
                ["selector"] = new YamlMap { ["matchLabels"] = selector },
                ["strategy"] = new YamlMap
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new YamlMap { ["maxUnavailable"] = plan.MaxUnavailable, ["maxSurge"] = 0 },
                },
                ["template"] = new YamlMap { ["metadata"] = new YamlMap { ["labels"] = podLabels }, ["spec"] = pod },
            },
        };
    }

    public static YamlMap DisruptionBudget(ExportContext context, RolePlan plan) => new()
    {
        ["apiVersion"] = "policy/v1",
        ["kind"] = "PodDisruptionBudget",
        ["metadata"] = ConfigMapWriter.Metadata(context, plan, plan.Name),
        ["spec"] = new YamlMap
        {
            ["maxUnavailable"] = plan.MaxUnavailable,
            ["selector"] = new YamlMap { ["matchLabels"] = new YamlMap { [ExportDefaults.RoleLabel] = plan.Name, [ExportDefaults.SlotLabel] = ExportDefaults.ProductionSlot } },
        },
    };

    private static YamlMap Container(ExportContext context, RolePlan plan, List<object> mounts)
    {
        var ports = new List<object>();
        var names = new HashSet<string>(StringComparer.Ordinal) { "probes" };
        foreach (var (endpoint, protocol) in Endpoints(plan.Role))
        {
            if (!plan.ContainerPorts.TryGetValue(endpoint, out var port))
            {
                continue;
            }

            var name = KubernetesNames.PortName(endpoint);
            for (var i = 2; !names.Add(name); i++)
            {
                name = KubernetesNames.PortName(endpoint)[..Math.Min(12, KubernetesNames.PortName(endpoint).Length)] + "-" + i.ToString(CultureInfo.InvariantCulture);
            }

            ports.Add(new YamlMap { ["name"] = name, ["containerPort"] = port, ["protocol"] = protocol == EndpointProtocol.Udp ? "UDP" : "TCP" });
        }

        ports.Add(new YamlMap { ["name"] = "probes", ["containerPort"] = plan.ProbePort, ["protocol"] = "TCP" });
        var period = (int)ExportDefaults.ProbePeriod.TotalSeconds;
        return new YamlMap
        {
            ["name"] = KubernetesNames.Label(plan.Role.Name),
            ["image"] = plan.Image,
            ["env"] = Environment(context, plan),
            ["ports"] = ports,
            ["resources"] = Resources(context, plan.Role),
            ["startupProbe"] = Probe("/live", plan.ProbePort, period, (int)Math.Ceiling(ExportDefaults.StartupAllowance.TotalSeconds / period)),
            ["readinessProbe"] = Probe("/ready", plan.ProbePort, period, 1),
            ["livenessProbe"] = Probe("/live", plan.ProbePort, period, 3),
            ["volumeMounts"] = mounts,
        };
    }

    private static IEnumerable<(string Name, EndpointProtocol? Protocol)> Endpoints(RoleDefinition role) =>
        role.InputEndpoints.Select(e => (e.Name, e.Protocol))
            .Concat(role.InternalEndpoints.Select(e => (e.Name, e.Protocol)))
            .Concat(role.InstanceInputEndpoints.Select(e => (e.Name, e.Protocol)));

    private static YamlMap Probe(string path, int port, int period, int failures) => new()
    {
        ["httpGet"] = new YamlMap { ["path"] = path, ["port"] = port },
        ["periodSeconds"] = period,
        ["failureThreshold"] = failures,
    };

    private static YamlMap Resources(ExportContext context, RoleDefinition role)
    {
        var size = role.VmSize ?? ExportDefaults.DefaultVmSize;
        if (!VmSizes.TryFind(size, out var cores, out var memory))
        {
            context.Note($"{role.Name}/vmsize {size}", $"not a known Cloud Services size; the pod asks for what {ExportDefaults.DefaultVmSize} had");
            VmSizes.TryFind(ExportDefaults.DefaultVmSize, out cores, out memory);
        }

        var memoryText = memory.ToString(CultureInfo.InvariantCulture) + "Mi";
        return new YamlMap
        {
            ["requests"] = new YamlMap { ["cpu"] = cores.ToString(CultureInfo.InvariantCulture), ["memory"] = memoryText },
            ["limits"] = new YamlMap { ["memory"] = memoryText },
        };
    }

    /// <summary>The descriptor, the log folder and each local resource (an emptyDir with the declared size as its limit).</summary>
    private static (List<object> Mounts, List<object> Volumes) Volumes(ExportContext context, RolePlan plan)
    {
        var mounts = new List<object>
        {
            new YamlMap { ["name"] = "descriptor", ["mountPath"] = ExportDefaults.DescriptorDirectory, ["readOnly"] = true },
            new YamlMap { ["name"] = "logs", ["mountPath"] = ExportDefaults.LogDirectory },
        };
        var volumes = new List<object>
        {
            new YamlMap { ["name"] = "descriptor", ["configMap"] = new YamlMap { ["name"] = plan.DescriptorMapName } },
            new YamlMap { ["name"] = "logs", ["emptyDir"] = new YamlMap() },
        };
        foreach (var resource in plan.Role.LocalStorage)
        {
            var volume = RolePlan.LocalResourceVolume(resource.Name);
            mounts.Add(new YamlMap { ["name"] = volume, ["mountPath"] = RolePlan.LocalResourcePath(resource.Name) });
            volumes.Add(new YamlMap
            {
                ["name"] = volume,
                ["emptyDir"] = new YamlMap { ["sizeLimit"] = (resource.SizeInMB ?? 1).ToString(CultureInfo.InvariantCulture) + "Mi" },
            });
            if (resource.CleanOnRoleRecycle == false)
            {
                context.Note($"{plan.Role.Name}/LocalStorage {resource.Name}", "cleanOnRoleRecycle=false: an emptyDir survives a container restart but not the pod; use a PersistentVolumeClaim for data that must outlive the pod");
            }
        }

        return (mounts, volumes);
    }
}
