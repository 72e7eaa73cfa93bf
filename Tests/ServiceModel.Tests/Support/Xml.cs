namespace BackgroundRoles.ServiceModel.Tests.Support;

/// <summary>Small csdef and cscfg documents for focused tests. The root element is always on line 1.</summary>
internal static class Xml
{
    public const string DefinitionNs = ServiceModelNames.DefinitionNamespace;
    public const string ConfigurationNs = ServiceModelNames.ConfigurationNamespace;

    public static string Definition(string body, string name = "svc") =>
        $"<ServiceDefinition name=\"{name}\" xmlns=\"{DefinitionNs}\">\n{body}\n</ServiceDefinition>";

    public static string Configuration(string body, string serviceName = "svc") =>
        $"<ServiceConfiguration serviceName=\"{serviceName}\" xmlns=\"{ConfigurationNs}\" osFamily=\"6\" osVersion=\"*\">\n{body}\n</ServiceConfiguration>";

    public static ServiceDefinition ParseDefinition(string body, string name = "svc")
    {
        var result = ServiceDefinitionReader.Parse(Definition(body, name), "test.csdef");
        DiagnosticAssert.NoErrors(result.Diagnostics);
        return result.Value!;
    }

    public static ServiceConfiguration ParseConfiguration(string body, string serviceName = "svc")
    {
        var result = ServiceConfigurationReader.Parse(Configuration(body, serviceName), "test.cscfg");
        DiagnosticAssert.NoErrors(result.Diagnostics);
        return result.Value!;
    }

    /// <summary>1-based column of <paramref name="text"/> on 1-based line <paramref name="line"/> of <paramref name="xml"/>.</summary>
    public static int ColumnOf(string xml, int line, string text) =>
        xml.Split('\n')[line - 1].IndexOf(text, StringComparison.Ordinal) + 1;
}
