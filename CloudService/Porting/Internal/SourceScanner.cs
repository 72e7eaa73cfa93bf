using System.Text;
using System.Text.RegularExpressions;

namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// Finds, line by line, what compiles on .NET Framework and not on .NET (or compiles and fails at run time): the
/// Storage Client 1.x, Service Bus, WCF, System.Web, Entity Framework 6, the storage SDK's calls that its .NET
/// build lacks, Windows-only APIs. Comments and string literals are left out, so a line is reported for its code.
/// </summary>
internal static partial class SourceScanner
{
    private static readonly ScanRule[] Rules =
    [
        new(PortRules.StorageClient1, StorageClientPattern(), "Storage Client Library 1.x (Microsoft.WindowsAzure.StorageClient) has no .NET build",
            "move to WindowsAzure.Storage: namespaces Microsoft.WindowsAzure.Storage.Blob/.Queue/.Table, CloudStorageAccount.Parse(CloudConfigurationManager.GetSetting(...)), async calls"),
        new(PortRules.StorageClient1, StorageClientAccountPattern(), "CloudStorageAccount.FromConfigurationSetting/SetConfigurationSettingPublisher are Storage Client 1.x",
            "CloudStorageAccount.Parse(CloudConfigurationManager.GetSetting(\"name\"))"),
        new(PortRules.ServiceBus, ServiceBusPattern(), "the Service Bus SDK (Microsoft.ServiceBus) is .NET Framework only",
            "move to Azure.Messaging.ServiceBus (ServiceBusClient, ServiceBusProcessor)"),
        new(PortRules.Wcf, WcfPattern(), "WCF (System.ServiceModel) has no service host on .NET",
            "host services with CoreWCF (CoreWCF.Primitives, CoreWCF.Http); clients use the System.ServiceModel.* packages"),
        new(PortRules.SystemWeb, SystemWebPattern(), "ASP.NET (System.Web) is not in .NET",
            "move the site to ASP.NET Core (see WebRole/ in this repository); of System.Web only HttpUtility is left"),
        new(PortRules.EntityFramework6, EntityFrameworkPattern(), "Entity Framework 6 (System.Data.Entity)",
            "EntityFramework 6.3+ runs on .NET but reads no providers or connection strings from app.config: register them with a DbConfiguration, or move to EF Core"),
        new(PortRules.FrameworkOnly, RemotingPattern(), "remoting, AppDomains and Enterprise Services are not in .NET",
            "one process per role instance: use the role's endpoints (internal endpoints for instance-to-instance calls)"),
        new(PortRules.FrameworkOnly, ConfigurationManagerPattern(), "System.Configuration's ConfigurationManager is a package on .NET",
            "add the System.Configuration.ConfigurationManager package (it reads <Assembly>.dll.config, built from app.config), or use CloudConfigurationManager.GetSetting"),
        new(PortRules.FrameworkOnly, WindowsOnlyPattern(), "a Windows-only API (event log, registry, performance counters)",
            "it compiles and throws PlatformNotSupportedException on Linux: log through Trace or log4net, keep settings in the cscfg"),
        new(PortRules.StorageFrameworkOnly, new Regex(@"\b(" + string.Join('|', StorageApi.FrameworkOnlyNames) + @")\b", RegexOptions.CultureInvariant),
            "only WindowsAzure.Storage's .NET Framework build has this (analytics client, client-side encryption, LINQ table queries)",
            "query with TableQuery<T> and ExecuteQuerySegmentedAsync; encrypt before upload; read analytics from the $logs container"),
    ];

    /// <summary>True when the source imports or names the storage SDK (Microsoft.WindowsAzure.Storage, not the 1.x StorageClient).</summary>
    public static bool UsesStorage(string text) => StoragePattern().IsMatch(text);

    public static IEnumerable<PortFinding> Scan(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break; // A missing source is the compiler's to report (CS2001), with the project line.
        }

        var code = CodeOnly(lines);
        var usesStorage = code.Any(l => StoragePattern().IsMatch(l));
        for (var index = 0; index < code.Length; index++)
        {
            var line = code[index];
            foreach (var rule in Rules)
            {
                if (rule.Pattern.Match(line) is { Success: true } match)
                {
                    yield return new PortFinding(path, index + 1, match.Index + 1, rule.Rule, rule.Message, rule.Hint);
                }
            }

            var calls = usesStorage ? StorageCallPattern().Matches(line) : null;
            if (calls?.FirstOrDefault(m => IsStorageCall(m.Groups["name"].Value)) is { } call)
            {
                var member = call.Groups["name"].Value;
                yield return new PortFinding(path, index + 1, call.Groups["name"].Index + 1, PortRules.StorageSync,
                    $"{member}: WindowsAzure.Storage for .NET has no such call (only its .NET Framework build has the synchronous and Begin/End ones)",
                    StorageApi.Replacement(member));
            }
        }
    }

    private static bool IsStorageCall(string name)
    {
        var bare = name.StartsWith("Begin", StringComparison.Ordinal) ? name[5..] : name.StartsWith("End", StringComparison.Ordinal) ? name[3..] : name;
        return StorageApi.Distinctive.Contains(bare) && StorageApi.Replacement(name) is not null;
    }

    /// <summary>The lines with comments and the contents of string and char literals blanked (same length, same columns).</summary>
    private static string[] CodeOnly(string[] lines)
    {
        var result = new string[lines.Length];
        var inBlockComment = false;
        var inVerbatim = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var code = new StringBuilder(line.Length);
            for (var c = 0; c < line.Length; c++)
            {
                var ch = line[c];
                var next = c + 1 < line.Length ? line[c + 1] : '\0';
                if (inBlockComment)
                {
                    code.Append(' ');
                    if (ch == '*' && next == '/')
                    {
                        code.Append(' ');
                        c++;
                        inBlockComment = false;
                    }
                }
                else if (inVerbatim)
                {
                    code.Append(' ');
                    if (ch == '"' && next == '"')
                    {
                        code.Append(' ');
                        c++;
                    }
                    else if (ch == '"')
                    {
                        inVerbatim = false;
                    }
                }
                else if (ch == '/' && next == '/')
                {
                    break;
                }
                else if (ch == '/' && next == '*')
                {
                    code.Append("  ");
                    c++;
                    inBlockComment = true;
                }
                else if (ch == '@' && next == '"')
                {
                    code.Append("  ");
                    c++;
                    inVerbatim = true;
                }
                else if (ch is '"' or '\'')
                {
                    code.Append(ch);
                    c++;
                    while (c < line.Length && line[c] != ch)
                    {
                        code.Append(' ');
                        if (line[c] == '\\' && c + 1 < line.Length)
                        {
                            code.Append(' ');
                            c++;
                        }

                        c++;
                    }

                    code.Append(ch);
                }
                else
                {
                    code.Append(ch);
                }
            }

            result[i] = code.ToString();
        }

        return result;
    }

    [GeneratedRegex(@"\bMicrosoft\.WindowsAzure\.Storage\b", RegexOptions.CultureInvariant)]
    private static partial Regex StoragePattern();

    [GeneratedRegex(@"\.\s*(?<name>[A-Z]\w+)\s*(<[^>()]*>)?\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex StorageCallPattern();

    [GeneratedRegex(@"\bMicrosoft\.WindowsAzure\.StorageClient\b", RegexOptions.CultureInvariant)]
    private static partial Regex StorageClientPattern();

    [GeneratedRegex(@"\bCloudStorageAccount\s*\.\s*(FromConfigurationSetting|SetConfigurationSettingPublisher)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StorageClientAccountPattern();

    [GeneratedRegex(@"\bMicrosoft\.ServiceBus\b", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceBusPattern();

    [GeneratedRegex(@"\bSystem\.ServiceModel\b", RegexOptions.CultureInvariant)]
    private static partial Regex WcfPattern();

    [GeneratedRegex(@"\bSystem\.Web\b(?!\.HttpUtility)", RegexOptions.CultureInvariant)]
    private static partial Regex SystemWebPattern();

    [GeneratedRegex(@"\bSystem\.Data\.Entity\b", RegexOptions.CultureInvariant)]
    private static partial Regex EntityFrameworkPattern();

    [GeneratedRegex(@"\bSystem\.Runtime\.Remoting\b|\bAppDomain\s*\.\s*CreateDomain\b|\bSystem\.EnterpriseServices\b", RegexOptions.CultureInvariant)]
    private static partial Regex RemotingPattern();

    [GeneratedRegex(@"\bConfigurationManager\s*\.\s*(AppSettings|ConnectionStrings|GetSection|OpenExeConfiguration)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigurationManagerPattern();

    [GeneratedRegex(@"\b(EventLog|Registry|PerformanceCounter)\s*\.\s*[A-Z]|\bnew\s+(EventLog|PerformanceCounter)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsOnlyPattern();
}
