using BackgroundRoles.Export.Internal;
using BackgroundRoles.Export.Internal.Yaml;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export;

/// <summary>
/// Turns a validated service (csdef, cscfg, and autoscale rules when there are any) into Kubernetes manifests: per
/// role a file <c>&lt;service&gt;-&lt;role&gt;.yaml</c> with its ConfigMaps (settings, descriptor), Deployment,
/// PodDisruptionBudget, Services and KEDA ScaledObject; a Dockerfile per role under <c>docker/</c>; and
/// <see cref="ExportDefaults.NotesFileName"/>. Secret-looking settings (<see cref="SecretMask.IsSecretSetting"/>) are
/// Secret references only: no value of theirs is written anywhere. Whatever has no counterpart is a
/// <see cref="ExportNote"/>, never dropped silently.
/// </summary>
public static class KubernetesExporter
{
    public static KubernetesExport Export(ServiceModel.ServiceModel model, AutoscaleRules? rules, KubernetesExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var context = new ExportContext(model, rules, options);
        NoteServiceLevel(context);
        var files = new List<ExportedFile>();
        var plans = new List<RolePlan>();
        foreach (var role in model.Definition.Roles.Where(r => r.Kind != RoleKind.Module))
        {
            NoteRoleLevel(context, role);
            var plan = RolePlanner.Plan(context, role);
            plans.Add(plan);
            var documents = new List<YamlMap> { ConfigMapWriter.Settings(context, plan), ConfigMapWriter.Descriptor(context, plan) };
            documents.Add(DeploymentWriter.Deployment(context, plan));
            documents.Add(DeploymentWriter.DisruptionBudget(context, plan));
            documents.AddRange(ServiceWriter.Services(context, plan));
            if (ScaledObjectWriter.ScaledObject(context, plan) is { } scaled)
            {
                documents.Add(scaled);
            }

            files.Add(new ExportedFile($"{plan.Name}.yaml", YamlWriter.Write(documents)));
            files.Add(new ExportedFile($"{ExportDefaults.DockerFolder}/{role.Name}.Dockerfile", DockerfileWriter.Dockerfile(context, plan)));
            files.Add(new ExportedFile($"{ExportDefaults.DockerFolder}/{role.Name}.Dockerfile.dockerignore", DockerfileWriter.Ignore(context)));
        }

        files.Add(new ExportedFile(ExportDefaults.NotesFileName, NotesWriter.Notes(context, plans)));
        return new KubernetesExport(files, context.Notes);
    }

    private static void NoteServiceLevel(ExportContext context)
    {
        if (context.Configuration.NetworkConfiguration is not null)
        {
            context.Note("NetworkConfiguration", "virtual network, address assignments and internal load balancers are the cluster's networking; set them up there");
        }

        if (context.Definition.TopologyChangeDiscovery is { } discovery)
        {
            context.Note($"topologyChangeDiscovery {discovery}", "pods learn of each other through the headless Service's DNS, not through topology events");
        }

        if (context.Configuration.OsFamily is { } family)
        {
            context.Note($"osFamily {family}", "the guest OS is the image's (Linux); Windows-only features of the role will not work");
        }
    }

    private static void NoteRoleLevel(ExportContext context, RoleDefinition role)
    {
        foreach (var import in role.Imports)
        {
            context.Note($"{role.Name}/Import {import.ModuleName}", "platform plugins (RemoteAccess, Diagnostics...) have no counterpart; use the cluster's own tools (kubectl exec, log collection)");
        }

        foreach (var certificate in role.Certificates)
        {
            context.Note($"{role.Name}/Certificate {certificate.Name}", "certificates are not installed into the pod; mount one from a Secret of type kubernetes.io/tls");
        }

        if (role.Runtime?.ExecutionContext == ServiceModel.TaskExecutionContext.Elevated)
        {
            context.Note($"{role.Name}/Runtime executionContext=elevated", "the role runs as the image's non-root user ($APP_UID); what needed administrator rights must move into the image");
        }

        foreach (var setting in context.Configuration.FindRole(role.Name)?.Settings ?? [])
        {
            if (!role.ConfigurationSettings.Any(s => s.Name == setting.Name))
            {
                context.Note($"{role.Name}/Setting {setting.Name}", "the cscfg sets it for a plugin the role imports, not for the role: it is not carried over");
            }
        }

        if (role.Contents.Count > 0)
        {
            context.Note($"{role.Name}/Contents", "extra content folders are not copied; add them to the role project or the Dockerfile");
        }
    }
}
