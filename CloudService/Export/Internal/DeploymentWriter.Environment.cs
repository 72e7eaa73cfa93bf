using System.Globalization;
using BackgroundRoles.Export.Internal.Yaml;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>
/// The environment of a role's containers: what the role host reads (descriptor, instance id from the pod's name,
/// instance count, probes, each setting from the ConfigMap or the Secret), the csdef's Runtime variables, and the
/// startup tasks that can run as init containers.
/// </summary>
internal static partial class DeploymentWriter
{
    private static List<object> Environment(ExportContext context, RolePlan plan)
    {
        var env = new List<object>
        {
            Literal(RoleInstanceDescriptor.EnvironmentVariable, $"{ExportDefaults.DescriptorDirectory}/{ExportDefaults.DescriptorFile}"),
            FromField(OrchestratorEnvironment.InstanceIdVariable, "metadata.name"),
            Literal(OrchestratorEnvironment.InstanceCountVariable, plan.Replicas.ToString(CultureInfo.InvariantCulture)),
            Literal(ProbeOptions.PortVariable, plan.ProbePort.ToString(CultureInfo.InvariantCulture)),
            Literal(ProbeOptions.AddressVariable, ExportDefaults.ProbeAddress),
        };
        env.AddRange(plan.Settings.Select(s => (object)FromSetting(plan, s.Variable, s)));
        env.AddRange(Declared(context, plan, plan.Role.Runtime?.Environment ?? [], $"{plan.Role.Name}/Runtime"));
        return env;
    }

    private static List<object> InitContainers(ExportContext context, RolePlan plan, List<object> mounts)
    {
        var containers = new List<object>();
        for (var i = 0; i < plan.Role.StartupTasks.Count; i++)
        {
            var task = plan.Role.StartupTasks[i];
            var subject = $"{plan.Role.Name}/Startup task {i + 1} ({task.CommandLine})";
            if (task.TaskType != StartupTaskType.Simple)
            {
                context.Note(subject, $"a {task.TaskType.ToString().ToLowerInvariant()} task runs beside the role, which an init container cannot; run it as a sidecar container or in the role's OnStart");
                continue;
            }

            if (task.ExecutionContext == TaskExecutionContext.Elevated)
            {
                context.Note(subject, "elevated (administrator) tasks are not run as root in the pod; do that work in the image (its Dockerfile) or give an init container a securityContext of its own");
                continue;
            }

            containers.Add(new YamlMap
            {
                ["name"] = KubernetesNames.Label("startup", (i + 1).ToString(CultureInfo.InvariantCulture)),
                ["image"] = plan.Image,
                ["workingDir"] = ExportDefaults.AppDirectory,
                ["command"] = new List<object> { "/bin/sh", "-c", task.CommandLine },
                ["env"] = Declared(context, plan, task.Environment, subject),
                ["volumeMounts"] = mounts.Skip(1).ToList(),
            });
        }

        return containers;
    }

    /// <summary>The csdef's variables: literal values, and the RoleInstanceValue xpaths a pod can answer.</summary>
    private static List<object> Declared(ExportContext context, RolePlan plan, IReadOnlyList<EnvironmentVariable> variables, string subject)
    {
        var env = new List<object>();
        foreach (var variable in variables)
        {
            if (variable.Value is { } value)
            {
                env.Add(Literal(variable.Name, value));
                continue;
            }

            if (variable.RoleInstanceValue is not { } reference)
            {
                continue;
            }

            if (FromXPath(context, plan, variable.Name, reference.Reference) is { } mapped)
            {
                env.Add(mapped);
            }
            else
            {
                context.Note($"{subject} variable {variable.Name}", $"the xpath {reference.XPath} has no counterpart in a pod; set the variable another way");
            }
        }

        return env;
    }

    private static YamlMap? FromXPath(ExportContext context, RolePlan plan, string name, RoleInstanceReference reference) =>
        (reference.Kind, reference.Attribute) switch
        {
            (RoleInstanceReferenceKind.CurrentInstance, "id") => FromField(name, "metadata.name"),
            (RoleInstanceReferenceKind.Deployment, "id") => Literal(name, ConfigMapWriter.DeploymentId(context)),
            (RoleInstanceReferenceKind.Deployment, "emulated") => Literal(name, "false"),
            (RoleInstanceReferenceKind.LocalResource, "path") when plan.Role.LocalStorage.Any(s => s.Name == reference.TargetName) =>
                Literal(name, RolePlan.LocalResourcePath(reference.TargetName!)),
            (RoleInstanceReferenceKind.Endpoint, "port") when plan.ContainerPorts.TryGetValue(reference.TargetName!, out var port) =>
                Literal(name, port.ToString(CultureInfo.InvariantCulture)),
            (RoleInstanceReferenceKind.Endpoint, "address") => FromField(name, "status.podIP"),
            (RoleInstanceReferenceKind.ConfigurationSetting, "value") when plan.Settings.FirstOrDefault(s => s.Name == reference.TargetName) is { } setting =>
                FromSetting(plan, name, setting),
            _ => null,
        };

    private static YamlMap Literal(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static YamlMap FromField(string name, string path) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new YamlMap { ["fieldRef"] = new YamlMap { ["fieldPath"] = path } },
    };

    /// <summary>A setting's variable, from the Secret (a reference, never the value) or from the ConfigMap.</summary>
    private static YamlMap FromSetting(RolePlan plan, string name, SettingPlan setting) => new()
    {
        ["name"] = name,
        ["valueFrom"] = setting.IsSecret
            ? new YamlMap { ["secretKeyRef"] = new YamlMap { ["name"] = plan.SecretName, ["key"] = setting.Name } }
            : new YamlMap { ["configMapKeyRef"] = new YamlMap { ["name"] = plan.SettingsMapName, ["key"] = setting.Name } },
    };
}
