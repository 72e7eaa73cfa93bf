using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Input, internal and instance input endpoints and their port ranges.</summary>
internal sealed partial class DefinitionParser
{
    private const string AnyPort = "*";

    private void ParseEndpoints(XElement endpoints, EndpointLists into)
    {
        foreach (var child in reader.Children(endpoints))
        {
            switch (child.Name.LocalName)
            {
                case "InputEndpoint":
                    into.Input.Add(ParseInputEndpoint(child));
                    break;
                case "InternalEndpoint" when endpoints.Name.LocalName == "Endpoints":
                    into.Internal.Add(ParseInternalEndpoint(child));
                    break;
                case "InstanceInputEndpoint" when endpoints.Name.LocalName == "Endpoints":
                    into.InstanceInput.Add(ParseInstanceInputEndpoint(child));
                    break;
                default:
                    reader.Unexpected(child, endpoints);
                    break;
            }
        }
    }

    private InputEndpoint ParseInputEndpoint(XElement element)
    {
        ExpectNoChildren(element);
        var (localPort, localPortIsAny) = ReadPortOrAny(element, "localPort");
        return new InputEndpoint
        {
            Name = reader.Required(element, "name"),
            Protocol = reader.Choice<EndpointProtocol>(element, "protocol", SchemaWords.InputProtocols, null, required: true),
            Port = reader.Integer(element, "port", required: true),
            LocalPort = localPort,
            LocalPortIsAny = localPortIsAny,
            Certificate = ElementReader.Optional(element, "certificate"),
            LoadBalancer = ElementReader.Optional(element, "loadBalancer"),
            LoadBalancerProbe = ElementReader.Optional(element, "loadBalancerProbe"),
            IgnoreRoleInstanceStatus = reader.Boolean(element, "ignoreRoleInstanceStatus"),
            IdleTimeoutInMinutes = reader.Integer(element, "idleTimeoutInMinutes"),
            Location = reader.Locate(element),
        };
    }

    private InternalEndpoint ParseInternalEndpoint(XElement element)
    {
        int? fixedPort = null;
        PortRange? range = null;
        foreach (var child in reader.Children(element))
        {
            switch (child.Name.LocalName)
            {
                case "FixedPort" when fixedPort is null && range is null:
                    ExpectNoChildren(child);
                    fixedPort = reader.Integer(child, "port", required: true);
                    break;
                case "FixedPortRange" when fixedPort is null && range is null:
                    range = ParsePortRange(child);
                    break;
                case "FixedPort" or "FixedPortRange":
                    reader.Diagnostics.Error(
                        reader.Locate(child),
                        "<InternalEndpoint> may have only one <FixedPort> or <FixedPortRange>");
                    break;
                default:
                    reader.Unexpected(child, element);
                    break;
            }
        }

        return new InternalEndpoint
        {
            Name = reader.Required(element, "name"),
            Protocol = reader.Choice<EndpointProtocol>(element, "protocol", SchemaWords.InternalProtocols, null, required: true),
            Port = ReadPortOrAny(element, "port").Port,
            FixedPort = fixedPort,
            FixedPortRange = range,
            Location = reader.Locate(element),
        };
    }

    private InstanceInputEndpoint ParseInstanceInputEndpoint(XElement element)
    {
        PortRange? range = null;
        foreach (var child in reader.Children(element))
        {
            if (child.Name.LocalName != "AllocatePublicPortFrom")
            {
                reader.Unexpected(child, element);
                continue;
            }

            foreach (var grandchild in reader.Children(child))
            {
                if (grandchild.Name.LocalName == "FixedPortRange" && range is null)
                {
                    range = ParsePortRange(grandchild);
                }
                else
                {
                    reader.Unexpected(grandchild, child);
                }
            }
        }

        if (range is null)
        {
            reader.Diagnostics.Error(
                reader.Locate(element),
                "<InstanceInputEndpoint> needs <AllocatePublicPortFrom><FixedPortRange min max/></AllocatePublicPortFrom>");
        }

        return new InstanceInputEndpoint
        {
            Name = reader.Required(element, "name"),
            Protocol = reader.Choice<EndpointProtocol>(element, "protocol", SchemaWords.InstanceInputProtocols, null, required: true),
            LocalPort = reader.Integer(element, "localPort", required: true),
            PublicPortRange = range,
            Location = reader.Locate(element),
        };
    }

    private PortRange ParsePortRange(XElement element)
    {
        ExpectNoChildren(element);
        return new PortRange(
            reader.Integer(element, "min", required: true),
            reader.Integer(element, "max", required: true),
            reader.Locate(element));
    }

    /// <summary>A port attribute that may also be <c>*</c>, meaning the platform chooses.</summary>
    private (int? Port, bool IsAny) ReadPortOrAny(XElement element, string name)
    {
        var attribute = element.Attribute(name);
        if (attribute is null)
        {
            return (null, false);
        }

        return attribute.Value.Trim() == AnyPort ? (null, true) : (reader.ParseInteger(attribute), false);
    }
}
