using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Builds a <see cref="ServiceConfiguration"/> from a cscfg document. Elements may come in any order.</summary>
internal sealed class ConfigurationParser(ElementReader reader)
{
    public static ParseResult<ServiceConfiguration> Parse(XDocument? document, string file, DiagnosticBag diagnostics)
    {
        if (document?.Root is not { } root)
        {
            return new ParseResult<ServiceConfiguration>(null, diagnostics.ToList());
        }

        XNamespace ns = ServiceModelNames.ConfigurationNamespace;
        var reader = new ElementReader(file, ns, SchemaWords.ConfigurationElements, diagnostics);
        ServiceConfiguration? value = null;
        if (root.Name == ns + "ServiceConfiguration")
        {
            value = new ConfigurationParser(reader).ParseService(root);
        }
        else
        {
            diagnostics.Error(
                reader.Locate(root),
                $"root element is '{root.Name}', expected 'ServiceConfiguration' in namespace '{ns.NamespaceName}'");
        }

        return new ParseResult<ServiceConfiguration>(value, diagnostics.ToList());
    }

    private ServiceConfiguration ParseService(XElement root)
    {
        var name = reader.Required(root, "serviceName");
        var roles = new List<RoleConfiguration>();
        RawElement? network = null;
        foreach (var child in reader.Children(root))
        {
            switch (child.Name.LocalName)
            {
                case "Role":
                    roles.Add(ParseRole(child));
                    break;
                case "NetworkConfiguration":
                    if (network is not null)
                    {
                        reader.Diagnostics.Error(reader.Locate(child), "more than one <NetworkConfiguration>");
                    }

                    network ??= new RawElement(child.ToString(SaveOptions.DisableFormatting), reader.Locate(child));
                    break;
                default:
                    reader.Unexpected(child, root);
                    break;
            }
        }

        return new ServiceConfiguration
        {
            ServiceName = name,
            OsFamily = reader.Integer(root, "osFamily"),
            OsVersion = ElementReader.Optional(root, "osVersion"),
            SchemaVersion = ElementReader.Optional(root, "schemaVersion"),
            Roles = roles,
            NetworkConfiguration = network,
            Location = reader.Locate(root),
        };
    }

    private RoleConfiguration ParseRole(XElement element)
    {
        var name = reader.Required(element, "name");
        int? count = null;
        var sawInstances = false;
        var settings = new List<ConfigurationSetting>();
        var certificates = new List<CertificateConfiguration>();
        foreach (var child in reader.Children(element))
        {
            switch (child.Name.LocalName)
            {
                case "Instances":
                    if (sawInstances)
                    {
                        reader.Diagnostics.Error(reader.Locate(child), $"role '{name}' has more than one <Instances>");
                    }

                    ExpectNoChildren(child);
                    count = sawInstances ? count : reader.Integer(child, "count", required: true);
                    sawInstances = true;
                    break;
                case "ConfigurationSettings":
                    settings.AddRange(ParseSettings(child));
                    break;
                case "Certificates":
                    certificates.AddRange(ParseCertificates(child));
                    break;
                case "OsImage":
                    // Cloud Services (extended support) custom image reference; not needed to run the roles here.
                    break;
                default:
                    reader.Unexpected(child, element);
                    break;
            }
        }

        if (!sawInstances)
        {
            reader.Diagnostics.Error(reader.Locate(element), $"role '{name}' has no <Instances count=\"…\"/>");
        }

        return new RoleConfiguration(name, count, settings, certificates, reader.Locate(element));
    }

    private List<ConfigurationSetting> ParseSettings(XElement element)
    {
        var settings = new List<ConfigurationSetting>();
        foreach (var child in reader.Children(element))
        {
            if (child.Name.LocalName != "Setting")
            {
                reader.Unexpected(child, element);
                continue;
            }

            ExpectNoChildren(child);
            settings.Add(new ConfigurationSetting(
                reader.Required(child, "name"),
                reader.RequiredAllowEmpty(child, "value"),
                reader.Locate(child)));
        }

        return settings;
    }

    private List<CertificateConfiguration> ParseCertificates(XElement element)
    {
        var certificates = new List<CertificateConfiguration>();
        foreach (var child in reader.Children(element))
        {
            if (child.Name.LocalName != "Certificate")
            {
                reader.Unexpected(child, element);
                continue;
            }

            ExpectNoChildren(child);
            certificates.Add(new CertificateConfiguration(
                reader.Required(child, "name"),
                reader.RequiredAllowEmpty(child, "thumbprint"),
                ElementReader.Optional(child, "thumbprintAlgorithm"),
                reader.Locate(child)));
        }

        return certificates;
    }

    private void ExpectNoChildren(XElement element)
    {
        foreach (var child in reader.Children(element))
        {
            reader.Unexpected(child, element);
        }
    }
}
