using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackgroundRoles.Fabric.Packaging;

/// <summary>A packaged deployment: where it is, what each role's approot holds and what made it.</summary>
/// <param name="Id">The folder's name under <c>&lt;state&gt;/deployments</c>.</param>
/// <param name="Directory">The package's folder (where it is now, not where it was made).</param>
/// <param name="ServiceName">The csdef's service name.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Platform">The runtime identifier whose native assets it holds (e.g. <c>linux-x64</c>).</param>
/// <param name="Roles">Each role's approot and entry point.</param>
/// <param name="OwnerProcessId">For a package <c>run</c> made for itself: the process that removes it when it ends.</param>
public sealed record ServicePackage(
    string Id,
    string Directory,
    string ServiceName,
    DateTimeOffset CreatedAt,
    string Platform,
    IReadOnlyList<PackagedRole> Roles,
    int? OwnerProcessId = null)
{
    public const string ManifestFileName = "deployment.json";
    public const string DefinitionFileName = "ServiceDefinition.csdef";
    public const string ConfigurationFileName = "ServiceConfiguration.cscfg";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [JsonIgnore]
    public string DefinitionPath => Path.Combine(Directory, DefinitionFileName);

    [JsonIgnore]
    public string ConfigurationPath => Path.Combine(Directory, ConfigurationFileName);

    /// <summary>The platform this machine's packages are for (<see cref="Platform"/>).</summary>
    public static string ThisPlatform => PlatformRuntimes.Current;

    /// <summary>True when this machine can run the package's native assets.</summary>
    [JsonIgnore]
    public bool IsForThisPlatform => Platform == ThisPlatform;

    /// <summary>Each role's files, by role name, as the emulator runs them.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, RoleFiles> RoleFiles =>
        Roles.ToDictionary(r => r.Name, r => Fabric.RoleFiles.InPackage(Path.Combine(Directory, r.AppRoot), Id), StringComparer.Ordinal);

    /// <summary>Reads <c>deployment.json</c> of the package in <paramref name="directory"/>.</summary>
    /// <exception cref="PackagingException">It is missing or not a package's manifest.</exception>
    public static ServicePackage Load(string directory)
    {
        var manifest = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifest))
        {
            throw new PackagingException($"{directory} is not a package: it has no {ManifestFileName}");
        }

        try
        {
            var package = JsonSerializer.Deserialize<ServicePackage>(File.ReadAllText(manifest), Json)
                ?? throw new PackagingException($"{manifest}: empty");
            return package with { Directory = Path.GetFullPath(directory) };
        }
        catch (JsonException e)
        {
            throw new PackagingException($"{manifest}: not a package manifest ({e.Message})");
        }
    }

    internal void Save() => File.WriteAllText(Path.Combine(Directory, ManifestFileName), JsonSerializer.Serialize(this, Json));
}

/// <summary>One role in a package: its approot (relative to the package) and its entry point (an assembly or a command line).</summary>
public sealed record PackagedRole(string Name, string AppRoot, string EntryPoint);
