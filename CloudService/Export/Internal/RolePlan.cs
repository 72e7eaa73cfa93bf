using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>Everything worked out for one role before any manifest is written, so the writers agree on names and ports.</summary>
internal sealed record RolePlan
{
    public required RoleDefinition Role { get; init; }

    public RoleAutoscaleRule? Rule { get; init; }

    /// <summary>The Deployment's name, and the stem of every other object of the role.</summary>
    public required string Name { get; init; }

    public required string Image { get; init; }

    public required int Replicas { get; init; }

    /// <summary>The settings the host can be given; those that cannot were noted and left out.</summary>
    public required IReadOnlyList<SettingPlan> Settings { get; init; }

    /// <summary>Endpoint name → the port the instance listens on in its pod.</summary>
    public required IReadOnlyDictionary<string, int> ContainerPorts { get; init; }

    public required int ProbePort { get; init; }

    /// <summary>Pods that may be down at once in a rollout or a disruption: one update domain's worth.</summary>
    public required int MaxUnavailable { get; init; }

    public required TimeSpan StopBudget { get; init; }

    /// <summary>The role's project relative to the service root (with <c>/</c>); null when it was not found.</summary>
    public string? ProjectPath { get; init; }

    public string SettingsMapName => Name + "-settings";

    public string SecretName => Name + "-secrets";

    public string DescriptorMapName => Name + "-descriptor";

    /// <summary>The mount path of the local resource <paramref name="name"/>.</summary>
    public static string LocalResourcePath(string name) => $"{ExportDefaults.LocalResourceRoot}/{name}";

    /// <summary>The volume name of the local resource <paramref name="name"/>.</summary>
    public static string LocalResourceVolume(string name) => KubernetesNames.Label("local", name);
}
