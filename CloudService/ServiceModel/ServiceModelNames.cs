namespace BackgroundRoles.ServiceModel;

/// <summary>Fixed names of the Cloud Services schema, in one place.</summary>
public static class ServiceModelNames
{
    /// <summary>Namespace of <c>.csdef</c> and <c>.csplugin</c> files.</summary>
    public const string DefinitionNamespace = "http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition";

    /// <summary>Namespace of <c>.cscfg</c> files.</summary>
    public const string ConfigurationNamespace = "http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceConfiguration";

    /// <summary>
    /// Prefix of the settings and certificates an imported module declares implicitly:
    /// <c>Microsoft.WindowsAzure.Plugins.&lt;Module&gt;.&lt;Name&gt;</c>.
    /// </summary>
    public const string PluginPrefix = "Microsoft.WindowsAzure.Plugins.";

    /// <summary>Lowest valid TCP/UDP port.</summary>
    public const int MinPort = 1;

    /// <summary>Highest valid TCP/UDP port.</summary>
    public const int MaxPort = 65535;

    /// <summary>Length of a SHA-1 certificate thumbprint in hex digits.</summary>
    public const int ThumbprintLength = 40;

    /// <summary>The prefix under which <paramref name="moduleName"/> declares its settings.</summary>
    public static string PluginPrefixFor(string moduleName) => PluginPrefix + moduleName + ".";
}
