namespace BackgroundRoles.Export;

/// <summary>What an export needs beside the service model.</summary>
public sealed record KubernetesExportOptions
{
    /// <summary>The csdef's folder: the Dockerfiles' build context, searched for the role projects.</summary>
    public required string ServiceRoot { get; init; }

    /// <summary>Put before each image name (<c>&lt;prefix&gt;&lt;role&gt;:latest</c>), such as a registry and a path.</summary>
    public string ImagePrefix { get; init; } = string.Empty;

    /// <summary>The cscfg's file name, for the notes.</summary>
    public required string ConfigurationName { get; init; }

    /// <summary>The output folder relative to <see cref="ServiceRoot"/> when it lies inside it (kept out of the images); else null.</summary>
    public string? OutputInServiceRoot { get; init; }
}
