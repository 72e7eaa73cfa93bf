namespace BackgroundRoles.Fabric;

/// <summary>
/// Where a local run keeps things: the service's folder (csdef, cscfg, role projects), the build output the
/// role executables come from, and the state folder (deployments, descriptors, local resources, logs; ignored by git).
/// </summary>
/// <param name="ServiceRoot">The folder of the service's csdef.</param>
/// <param name="ArtifactsDirectory">The build output: <c>&lt;root&gt;/artifacts</c>.</param>
/// <param name="StateDirectory">Local state: <c>&lt;root&gt;/.cloudservice</c> unless told otherwise.</param>
public sealed record FabricLayout(string ServiceRoot, string ArtifactsDirectory, string StateDirectory)
{
    /// <summary>The build configuration whose output roles are taken from (the artifacts folder's lower-case name).</summary>
    public string BuildConfiguration { get; init; } = "debug";

    /// <summary>
    /// The checkout the tools come from (its <c>node_modules</c> has Azurite): by default the folder of the
    /// artifacts; a ported service builds into artifacts of its own, and its tools stay the CLI's.
    /// </summary>
    public string ToolsRoot
    {
        get => _toolsRoot ?? Path.GetDirectoryName(ArtifactsDirectory)!;
        init => _toolsRoot = value;
    }

    private readonly string? _toolsRoot;

    public static FabricLayout ForServiceRoot(string serviceRoot, string? stateDirectory = null)
    {
        var root = Path.GetFullPath(serviceRoot);
        return new FabricLayout(root, Path.Combine(root, "artifacts"), Path.GetFullPath(stateDirectory ?? Path.Combine(root, ".cloudservice")));
    }

    /// <summary>
    /// A folder of one deployment's own under <c>instances/</c> and <c>logs/</c>, or null for none: two deployments
    /// that run at once (production and staging) have the same instance ids, so the second one's instance folders and
    /// log files go there.
    /// </summary>
    public string? DeploymentFolder { get; init; }

    public string LogDirectory => DeploymentFolder is null ? Path.Combine(StateDirectory, "logs") : Path.Combine(StateDirectory, "logs", DeploymentFolder);

    public string InstanceDirectory(string instanceId) =>
        DeploymentFolder is null ? Path.Combine(StateDirectory, "instances", instanceId) : Path.Combine(StateDirectory, "instances", DeploymentFolder, instanceId);

    /// <summary>Where a project's build lands: <c>artifacts/bin/&lt;project&gt;/&lt;configuration&gt;</c>.</summary>
    public string BuildOutput(string projectName) => Path.Combine(ArtifactsDirectory, "bin", projectName, BuildConfiguration);
}
