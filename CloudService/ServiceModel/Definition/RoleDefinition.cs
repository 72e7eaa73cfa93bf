namespace BackgroundRoles.ServiceModel;

/// <summary>A <c>WebRole</c>, <c>WorkerRole</c> or <c>RoleModule</c> as declared in the definition.</summary>
public sealed record RoleDefinition
{
    /// <summary>Role name, original case kept; the platform compares role names ignoring case.</summary>
    public required string Name { get; init; }

    public required RoleKind Kind { get; init; }

    /// <summary>The <c>vmsize</c> attribute; null when absent (the platform default, Small, applies).</summary>
    public string? VmSize { get; init; }

    /// <summary>The <c>enableNativeCodeExecution</c> attribute; null when absent.</summary>
    public bool? EnableNativeCodeExecution { get; init; }

    public IReadOnlyList<StartupTask> StartupTasks { get; init; } = [];

    /// <summary>The <c>Runtime</c> element; null when the role has none.</summary>
    public RoleRuntime? Runtime { get; init; }

    /// <summary>Setting names the role declares; values come from the configuration.</summary>
    public IReadOnlyList<SettingDefinition> ConfigurationSettings { get; init; } = [];

    public IReadOnlyList<InputEndpoint> InputEndpoints { get; init; } = [];

    public IReadOnlyList<InternalEndpoint> InternalEndpoints { get; init; } = [];

    public IReadOnlyList<InstanceInputEndpoint> InstanceInputEndpoints { get; init; } = [];

    public IReadOnlyList<LocalStorage> LocalStorage { get; init; } = [];

    public IReadOnlyList<ModuleImport> Imports { get; init; } = [];

    public IReadOnlyList<CertificateDefinition> Certificates { get; init; } = [];

    /// <summary>IIS sites; only web roles have them.</summary>
    public IReadOnlyList<Site> Sites { get; init; } = [];

    /// <summary>Extra content copied into the role (Cloud Services extended support output).</summary>
    public IReadOnlyList<ContentDefinition> Contents { get; init; } = [];

    public required SourceLocation Location { get; init; }

    /// <summary>True when the role imports <paramref name="moduleName"/> (module names compare ignoring case).</summary>
    public bool ImportsModule(string moduleName) =>
        Imports.Any(i => string.Equals(i.ModuleName, moduleName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when <paramref name="name"/> is a setting or certificate an imported module declares implicitly,
    /// that is <c>Microsoft.WindowsAzure.Plugins.&lt;Module&gt;.…</c> for a module this role imports.
    /// </summary>
    public bool IsImplicitFromImport(string name) =>
        Imports.Any(i => name.StartsWith(ServiceModelNames.PluginPrefixFor(i.ModuleName), StringComparison.Ordinal));

    /// <summary>Every endpoint name the role declares, of any kind.</summary>
    public IEnumerable<string> EndpointNames =>
        InputEndpoints.Select(e => e.Name)
            .Concat(InternalEndpoints.Select(e => e.Name))
            .Concat(InstanceInputEndpoints.Select(e => e.Name));
}
