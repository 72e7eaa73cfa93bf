using System.Text.RegularExpressions;

namespace BackgroundRoles.ServiceModel;

/// <summary>
/// The parsed target of a <c>RoleInstanceValue</c> xpath: which kind of thing, its name (for endpoints, local
/// resources and settings) and the attribute read from it.
/// </summary>
public sealed partial record RoleInstanceReference(RoleInstanceReferenceKind Kind, string? TargetName, string? Attribute)
{
    /// <summary>
    /// Works out what <paramref name="xpath"/> refers to. Only the shapes the platform documents are recognised;
    /// anything else gives <see cref="RoleInstanceReferenceKind.Unrecognized"/> rather than a guess.
    /// </summary>
    public static RoleInstanceReference Parse(string xpath)
    {
        var trimmed = xpath.Trim();
        var named = NamedTarget().Match(trimmed);
        if (named.Success)
        {
            var kind = named.Groups["collection"].Value switch
            {
                "Endpoints/Endpoint" => RoleInstanceReferenceKind.Endpoint,
                "LocalResources/LocalResource" => RoleInstanceReferenceKind.LocalResource,
                _ => RoleInstanceReferenceKind.ConfigurationSetting,
            };
            return new(kind, named.Groups["name"].Value, named.Groups["attr"].Value);
        }

        var plain = PlainTarget().Match(trimmed);
        if (plain.Success)
        {
            var kind = plain.Groups["scope"].Value == "Deployment"
                ? RoleInstanceReferenceKind.Deployment
                : RoleInstanceReferenceKind.CurrentInstance;
            return new(kind, null, plain.Groups["attr"].Value);
        }

        return new(RoleInstanceReferenceKind.Unrecognized, null, null);
    }

    [GeneratedRegex(
        """^/RoleEnvironment/CurrentInstance/(?<collection>Endpoints/Endpoint|LocalResources/LocalResource|ConfigurationSettings/ConfigurationSetting)\[@name=(?<q>['"])(?<name>.*?)\k<q>\]/@(?<attr>[A-Za-z]+)$""",
        RegexOptions.CultureInvariant)]
    private static partial Regex NamedTarget();

    [GeneratedRegex(
        "^/RoleEnvironment/(?<scope>Deployment|CurrentInstance)/@(?<attr>[A-Za-z]+)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex PlainTarget();
}
