using System.Globalization;
using System.Xml.Linq;
using System.Xml.XPath;
using BackgroundRoles.Hosting;

namespace BackgroundRoles.Fabric;

/// <summary>
/// The role environment as the XML document that csdef <c>RoleInstanceValue xpath="..."</c> expressions are
/// evaluated against, as on the platform: <c>/RoleEnvironment/Deployment/@emulated</c>,
/// <c>/RoleEnvironment/CurrentInstance/LocalResources/LocalResource[@name='X']/@path</c>,
/// <c>.../Endpoints/Endpoint[@name='X']/@port</c>, <c>.../ConfigurationSettings/ConfigurationSetting[@name='X']/@value</c>
/// and the like. One real XPath evaluation instead of a list of special cases.
/// </summary>
public sealed class RoleEnvironmentDocument
{
    private readonly XDocument _document;

    public RoleEnvironmentDocument(RoleInstanceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _document = new XDocument(
            new XElement(
                "RoleEnvironment",
                new XElement(
                    "Deployment",
                    new XAttribute("id", descriptor.DeploymentId),
                    new XAttribute("emulated", descriptor.IsEmulated ? "true" : "false")),
                new XElement(
                    "CurrentInstance",
                    new XAttribute("id", descriptor.InstanceId),
                    new XAttribute("roleName", descriptor.RoleName),
                    new XAttribute("faultDomain", descriptor.FaultDomain.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("updateDomain", descriptor.UpdateDomain.ToString(CultureInfo.InvariantCulture)),
                    new XElement(
                        "ConfigurationSettings",
                        descriptor.Settings.Select(s => new XElement("ConfigurationSetting", new XAttribute("name", s.Key), new XAttribute("value", s.Value)))),
                    new XElement(
                        "LocalResources",
                        descriptor.LocalResources.Select(r => new XElement(
                            "LocalResource",
                            new XAttribute("name", r.Name),
                            new XAttribute("path", r.RootPath),
                            new XAttribute("sizeInMB", r.SizeInMB.ToString(CultureInfo.InvariantCulture))))),
                    new XElement(
                        "Endpoints",
                        descriptor.Endpoints.Select(e => new XElement(
                            "Endpoint",
                            new XAttribute("name", e.Name),
                            new XAttribute("protocol", e.Protocol),
                            new XAttribute("address", e.Address),
                            new XAttribute("ipAddress", e.Address),
                            new XAttribute("port", e.Port.ToString(CultureInfo.InvariantCulture)),
                            e.PublicPort is int publicPort ? new XAttribute("publicPort", publicPort.ToString(CultureInfo.InvariantCulture)) : null))))));
    }

    /// <summary>Evaluates an xpath; the value of the first attribute, element or scalar it selects, or null.</summary>
    /// <returns>False with a reason when the expression is not valid XPath.</returns>
    public bool TryEvaluate(string xpath, out string? value, out string? error)
    {
        value = null;
        error = null;
        object result;
        try
        {
            result = _document.XPathEvaluate(xpath);
        }
        catch (XPathException e)
        {
            error = e.Message;
            return false;
        }

        value = result switch
        {
            IEnumerable<object> nodes => nodes.FirstOrDefault() switch
            {
                XAttribute attribute => attribute.Value,
                XElement element => element.Value,
                XText text => text.Value,
                _ => null,
            },
            bool b => b ? "true" : "false",
            double d => d.ToString(CultureInfo.InvariantCulture),
            string s => s,
            _ => null,
        };
        return true;
    }
}
