using System.Security.Cryptography;
using System.Text;
using BackgroundRoles.Export.Internal.Yaml;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>
/// A role's ConfigMaps: its settings that are not secret (key: the setting's name), and the instance descriptor the
/// role host starts from (role, endpoints in the pod, local resources, topology; setting values empty, since the
/// host takes them from the environment, and the instance id replaced by the pod's name).
/// </summary>
internal static class ConfigMapWriter
{
    public static YamlMap Settings(ExportContext context, RolePlan plan)
    {
        var data = new YamlMap();
        foreach (var setting in plan.Settings.Where(s => !s.IsSecret))
        {
            data[setting.Name] = setting.Value;
        }

        return new YamlMap
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = Metadata(context, plan, plan.SettingsMapName),
            ["data"] = data,
        };
    }

    public static YamlMap Descriptor(ExportContext context, RolePlan plan) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = Metadata(context, plan, plan.DescriptorMapName),
        ["data"] = new YamlMap { [ExportDefaults.DescriptorFile] = DescriptorJson(context, plan) },
    };

    public static YamlMap Metadata(ExportContext context, RolePlan plan, string name) => new()
    {
        ["name"] = name,
        ["labels"] = new YamlMap { [ExportDefaults.RoleLabel] = plan.Name, [ExportDefaults.ServiceLabel] = context.ServiceName },
    };

    private static string DescriptorJson(ExportContext context, RolePlan plan)
    {
        var role = plan.Role;
        var endpoints = new List<EndpointDescriptor>();
        foreach (var endpoint in role.InputEndpoints.Where(e => plan.ContainerPorts.ContainsKey(e.Name)))
        {
            endpoints.Add(new EndpointDescriptor(endpoint.Name, Protocol(endpoint.Protocol), ExportDefaults.ListenAddress, plan.ContainerPorts[endpoint.Name], endpoint.Port));
        }

        foreach (var endpoint in role.InternalEndpoints)
        {
            endpoints.Add(new EndpointDescriptor(endpoint.Name, Protocol(endpoint.Protocol), ExportDefaults.ListenAddress, plan.ContainerPorts[endpoint.Name], null));
        }

        foreach (var endpoint in role.InstanceInputEndpoints.Where(e => plan.ContainerPorts.ContainsKey(e.Name)))
        {
            endpoints.Add(new EndpointDescriptor(endpoint.Name, Protocol(endpoint.Protocol), ExportDefaults.ListenAddress, plan.ContainerPorts[endpoint.Name], null));
        }

        var descriptor = new RoleInstanceDescriptor
        {
            DeploymentId = DeploymentId(context),
            RoleName = role.Name,
            InstanceId = $"{role.Name}_IN_0",
            IsEmulated = false,
            Settings = plan.Settings.ToDictionary(s => s.Name, _ => string.Empty, StringComparer.Ordinal),
            LocalResources = [.. role.LocalStorage.Select(s => new LocalResourceDescriptor(s.Name, RolePlan.LocalResourcePath(s.Name), s.SizeInMB ?? 1))],
            Endpoints = endpoints,
            Roles = [.. context.Definition.Roles.Where(r => r.Kind != RoleKind.Module).Select(r => new RoleTopologyDescriptor(
                r.Name,
                [.. Enumerable.Range(0, context.Configuration.FindRole(r.Name)?.InstanceCount ?? 1).Select(i => $"{r.Name}_IN_{i}")]))],
            LogDirectory = ExportDefaults.LogDirectory,
            EntryPointAssembly = (role.Runtime?.EntryPoint as NetFxEntryPoint)?.AssemblyName,
        };
        return descriptor.ToJson();
    }

    /// <summary>The platform's form (32 hex digits), the same at every export of the service, so a re-export changes nothing.</summary>
    public static string DeploymentId(ExportContext context) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.Definition.Name)))[..32];

    private static string Protocol(EndpointProtocol? protocol) => (protocol ?? EndpointProtocol.Tcp).ToString().ToLowerInvariant();
}
