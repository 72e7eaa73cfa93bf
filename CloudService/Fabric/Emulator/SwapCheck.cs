using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>
/// Whether two deployments may swap: their input endpoints agree in name, protocol and port, and every instance of
/// both is stable (<see cref="Instances.InstanceSnapshot.Stable"/>: Ready, Busy or Frozen, not restarted within the settle time).
/// </summary>
internal static class SwapCheck
{
    /// <summary>Every input endpoint that differs, as one line each; empty when they agree.</summary>
    public static IReadOnlyList<string> EndpointDifferences(LocalDeployment production, LocalDeployment staging)
    {
        var ours = InputEndpoints(production.Definition);
        var theirs = InputEndpoints(staging.Definition);
        var differences = new List<string>();
        foreach (var name in ours.Keys.Union(theirs.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var (inProduction, inStaging) = (ours.GetValueOrDefault(name), theirs.GetValueOrDefault(name));
            if (inProduction != inStaging)
            {
                differences.Add($"{name}: {inProduction ?? "none"} in production, {inStaging ?? "none"} in staging");
            }
        }

        return differences;
    }

    /// <summary>Every instance of the deployment that is not stable, with its state and why.</summary>
    public static IReadOnlyList<string> Unstable(DeploymentSlot slot, LocalDeployment deployment, TimeProvider time) =>
        [.. deployment.RoleNames.SelectMany(deployment.GetInstances).Where(i => !i.Stable).Select(i =>
        {
            var detail = i.Detail is null ? string.Empty : $" ({i.Detail})";
            var restarted = i.Restarts > 0 && i.LastStartedAt is { } started
                ? $", restarted {i.Restarts} time{(i.Restarts == 1 ? string.Empty : "s")}, last start {(time.GetUtcNow() - started).TotalSeconds:F1} s ago"
                : string.Empty;
            return $"{EmulatorSession.Name(slot)} {i.InstanceId} ({deployment.DeploymentId}) is {i.State}{detail}{restarted}";
        })];

    /// <summary>Each role's input endpoint (<c>Role/Endpoint</c>) as <c>protocol port N</c>.</summary>
    private static Dictionary<string, string> InputEndpoints(ServiceDefinition definition) =>
        definition.Roles.Where(r => r.Kind != RoleKind.Module)
            .SelectMany(r => r.InputEndpoints.Select(e => (Key: PublicEndpoint.Key(r.Name, e.Name), Value: $"{e.Protocol?.ToString().ToLowerInvariant()} port {e.Port}")))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
}
