using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Settings, local storage, imports, certificates, sites, contents and load balancer probes.</summary>
internal sealed partial class DefinitionParser
{
    /// <summary>Parses each child named <paramref name="itemName"/> with <paramref name="parse"/>; reports any other child.</summary>
    private List<T> ParseItems<T>(XElement parent, string itemName, Func<XElement, T> parse)
    {
        var items = new List<T>();
        foreach (var child in reader.Children(parent))
        {
            if (child.Name.LocalName == itemName)
            {
                items.Add(parse(child));
            }
            else
            {
                reader.Unexpected(child, parent);
            }
        }

        return items;
    }

    private List<SettingDefinition> ParseSettings(XElement element) =>
        ParseItems(element, "Setting", child =>
        {
            ExpectNoChildren(child);
            return new SettingDefinition(reader.Required(child, "name"), reader.Locate(child));
        });

    private List<LocalStorage> ParseLocalResources(XElement element) =>
        ParseItems(element, "LocalStorage", ParseLocalStorage);

    private LocalStorage ParseLocalStorage(XElement element)
    {
        ExpectNoChildren(element);
        return new LocalStorage(
            reader.Required(element, "name"),
            reader.Integer(element, "sizeInMB"),
            reader.Boolean(element, "cleanOnRoleRecycle"),
            reader.Locate(element));
    }

    private List<ModuleImport> ParseImports(XElement element) =>
        ParseItems(element, "Import", child =>
        {
            ExpectNoChildren(child);
            return new ModuleImport(reader.Required(child, "moduleName"), reader.Locate(child));
        });

    private List<CertificateDefinition> ParseCertificates(XElement element) =>
        ParseItems(element, "Certificate", child =>
        {
            ExpectNoChildren(child);
            var storeLocation = reader.Required(child, "storeLocation");
            if (storeLocation.Length > 0 && !SchemaWords.StoreLocations.Contains(storeLocation))
            {
                reader.Diagnostics.Error(
                    reader.Locate(child.Attribute("storeLocation")!),
                    $"<Certificate> attribute 'storeLocation' has unknown value '{storeLocation}' (expected LocalMachine, CurrentUser)");
            }

            var permissionLevel = ElementReader.Optional(child, "permissionLevel");
            if (permissionLevel is not null && !SchemaWords.PermissionLevels.Contains(permissionLevel))
            {
                reader.Diagnostics.Error(
                    reader.Locate(child.Attribute("permissionLevel")!),
                    $"<Certificate> attribute 'permissionLevel' has unknown value '{permissionLevel}' (expected limitedOrElevated, elevated)");
            }

            return new CertificateDefinition(
                reader.Required(child, "name"),
                storeLocation,
                reader.Required(child, "storeName"),
                permissionLevel,
                reader.Locate(child));
        });

    private List<Site> ParseSites(XElement element) => ParseItems(element, "Site", ParseSite);

    private Site ParseSite(XElement element)
    {
        var bindings = new List<SiteBinding>();
        foreach (var child in reader.Children(element))
        {
            switch (child.Name.LocalName)
            {
                case "Bindings":
                    bindings.AddRange(ParseItems(child, "Binding", binding =>
                    {
                        ExpectNoChildren(binding);
                        return new SiteBinding(
                            reader.Required(binding, "name"),
                            reader.Required(binding, "endpointName"),
                            ElementReader.Optional(binding, "hostHeader"),
                            reader.Locate(binding));
                    }));
                    break;
                case "VirtualApplication" or "VirtualDirectory":
                    // Valid IIS structure below a site; nothing on Linux serves it, so it is not modelled.
                    break;
                default:
                    reader.Unexpected(child, element);
                    break;
            }
        }

        return new Site(
            reader.Required(element, "name"),
            ElementReader.Optional(element, "physicalDirectory"),
            bindings,
            reader.Locate(element));
    }

    private List<ContentDefinition> ParseContents(XElement element) =>
        ParseItems(element, "Content", child =>
        {
            string? source = null;
            foreach (var grandchild in reader.Children(child))
            {
                if (grandchild.Name.LocalName == "SourceDirectory" && source is null)
                {
                    ExpectNoChildren(grandchild);
                    source = reader.Required(grandchild, "path");
                }
                else
                {
                    reader.Unexpected(grandchild, child);
                }
            }

            return new ContentDefinition(reader.Required(child, "destination"), source, reader.Locate(child));
        });

    private List<LoadBalancerProbe> ParseLoadBalancerProbes(XElement element) =>
        ParseItems(element, "LoadBalancerProbe", child =>
        {
            ExpectNoChildren(child);
            return new LoadBalancerProbe
            {
                Name = reader.Required(child, "name"),
                Protocol = reader.Choice<EndpointProtocol>(child, "protocol", SchemaWords.ProbeProtocols, null, required: true),
                Path = ElementReader.Optional(child, "path"),
                Port = reader.Integer(child, "port"),
                IntervalInSeconds = reader.Integer(child, "intervalInSeconds"),
                TimeoutInSeconds = reader.Integer(child, "timeoutInSeconds"),
                Location = reader.Locate(child),
            };
        });
}
