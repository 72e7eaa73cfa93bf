using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>
/// Builds a <see cref="ServiceDefinition"/> from a csdef or csplugin document. Elements may come in any order;
/// this class handles the service and role levels, its partial files the elements below.
/// </summary>
internal sealed partial class DefinitionParser(ElementReader reader)
{
    public static ParseResult<ServiceDefinition> Parse(XDocument? document, string file, DiagnosticBag diagnostics)
    {
        if (document?.Root is not { } root)
        {
            return new ParseResult<ServiceDefinition>(null, diagnostics.ToList());
        }

        XNamespace ns = ServiceModelNames.DefinitionNamespace;
        var reader = new ElementReader(file, ns, SchemaWords.DefinitionElements, diagnostics);
        var parser = new DefinitionParser(reader);
        ServiceDefinition? value = null;
        if (root.Name == ns + "ServiceDefinition")
        {
            value = parser.ParseService(root);
        }
        else if (root.Name == ns + "RoleModule")
        {
            value = parser.ParseRoleModule(root);
        }
        else
        {
            diagnostics.Error(
                reader.Locate(root),
                $"root element is '{root.Name}', expected 'ServiceDefinition' (or 'RoleModule') in namespace '{ns.NamespaceName}'");
        }

        return new ParseResult<ServiceDefinition>(value, diagnostics.ToList());
    }

    private ServiceDefinition ParseService(XElement root)
    {
        var name = reader.Required(root, "name");
        var probes = new List<LoadBalancerProbe>();
        var roles = new List<RoleDefinition>();
        foreach (var child in reader.Children(root))
        {
            switch (child.Name.LocalName)
            {
                case "WebRole":
                    roles.Add(ParseRole(child, RoleKind.Web));
                    break;
                case "WorkerRole":
                    roles.Add(ParseRole(child, RoleKind.Worker));
                    break;
                case "LoadBalancerProbes":
                    probes.AddRange(ParseLoadBalancerProbes(child));
                    break;
                case "NetworkTrafficRules":
                    // Valid schema, but access rules between roles are not something this host enforces.
                    break;
                default:
                    reader.Unexpected(child, root);
                    break;
            }
        }

        return new ServiceDefinition
        {
            Name = name,
            SchemaVersion = ElementReader.Optional(root, "schemaVersion"),
            UpgradeDomainCount = reader.Integer(root, "upgradeDomainCount"),
            TopologyChangeDiscovery = ElementReader.Optional(root, "topologyChangeDiscovery"),
            LoadBalancerProbes = probes,
            Roles = roles,
            Location = reader.Locate(root),
        };
    }

    private ServiceDefinition ParseRoleModule(XElement root)
    {
        var module = ParseRole(root, RoleKind.Module);
        return new ServiceDefinition
        {
            Name = module.Name,
            Roles = [module],
            IsRoleModule = true,
            Location = module.Location,
        };
    }

    private RoleDefinition ParseRole(XElement element, RoleKind kind)
    {
        // A plugin has no role name of its own; its namespace is what its settings are prefixed with.
        var name = reader.Required(element, kind == RoleKind.Module ? "namespace" : "name");
        var tasks = new List<StartupTask>();
        RoleRuntime? runtime = null;
        var settings = new List<SettingDefinition>();
        var endpoints = new EndpointLists();
        var storage = new List<LocalStorage>();
        var imports = new List<ModuleImport>();
        var certificates = new List<CertificateDefinition>();
        var sites = new List<Site>();
        var contents = new List<ContentDefinition>();
        foreach (var child in reader.Children(element))
        {
            switch (child.Name.LocalName)
            {
                case "Startup":
                    tasks.AddRange(ParseStartup(child));
                    break;
                case "Runtime":
                    if (runtime is not null)
                    {
                        reader.Diagnostics.Error(reader.Locate(child), $"role '{name}' has more than one <Runtime>");
                    }

                    runtime ??= ParseRuntime(child);
                    break;
                case "ConfigurationSettings":
                    settings.AddRange(ParseSettings(child));
                    break;
                case "Endpoints":
                    ParseEndpoints(child, endpoints);
                    break;
                case "InputEndpoints":
                    // SDK 1.0-1.2 wrapped input endpoints in <InputEndpoints>; the meaning is unchanged.
                    reader.Diagnostics.Warning(
                        reader.Locate(child),
                        "<InputEndpoints> is the pre-SDK 1.3 form; use <Endpoints>. Its endpoints are accepted");
                    ParseEndpoints(child, endpoints);
                    break;
                case "LocalResources":
                    storage.AddRange(ParseLocalResources(child));
                    break;
                case "LocalStorage":
                    reader.Diagnostics.Warning(
                        reader.Locate(child),
                        "<LocalStorage> directly under the role is the pre-SDK 1.3 form; use <LocalResources>. It is accepted");
                    storage.Add(ParseLocalStorage(child));
                    break;
                case "Imports":
                    imports.AddRange(ParseImports(child));
                    break;
                case "Certificates":
                    certificates.AddRange(ParseCertificates(child));
                    break;
                case "Sites" when kind != RoleKind.Worker:
                    sites.AddRange(ParseSites(child));
                    break;
                case "Contents":
                    contents.AddRange(ParseContents(child));
                    break;
                default:
                    reader.Unexpected(child, element);
                    break;
            }
        }

        return new RoleDefinition
        {
            Name = name,
            Kind = kind,
            VmSize = ElementReader.Optional(element, "vmsize"),
            EnableNativeCodeExecution = reader.Boolean(element, "enableNativeCodeExecution"),
            StartupTasks = tasks,
            Runtime = runtime,
            ConfigurationSettings = settings,
            InputEndpoints = endpoints.Input,
            InternalEndpoints = endpoints.Internal,
            InstanceInputEndpoints = endpoints.InstanceInput,
            LocalStorage = storage,
            Imports = imports,
            Certificates = certificates,
            Sites = sites,
            Contents = contents,
            Location = reader.Locate(element),
        };
    }

    /// <summary>Reports any child of an element the schema gives no children.</summary>
    private void ExpectNoChildren(XElement element)
    {
        foreach (var child in reader.Children(element))
        {
            reader.Unexpected(child, element);
        }
    }

    private sealed class EndpointLists
    {
        public List<InputEndpoint> Input { get; } = [];

        public List<InternalEndpoint> Internal { get; } = [];

        public List<InstanceInputEndpoint> InstanceInput { get; } = [];
    }
}
