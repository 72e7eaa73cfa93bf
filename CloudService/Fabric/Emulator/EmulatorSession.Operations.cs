using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>Operations on the deployment of one slot: scale, recycle, set-config.</summary>
public sealed partial class EmulatorSession
{
    /// <summary>Scales a role of the slot's deployment (<see cref="LocalDeployment.ScaleAsync"/>) under the operation lock; null when done, else why not.</summary>
    public async Task<string?> ScaleAsync(DeploymentSlot slot, string roleName, int count)
    {
        using var held = _operations.TryEnter($"scale {roleName} {count} --slot {Name(slot)}", out var refusal);
        if (held is null)
        {
            return refusal;
        }

        return Deployment(slot) is { } deployment
            ? await deployment.ScaleAsync(roleName, count).ConfigureAwait(false)
            : $"the {Name(slot)} slot is empty";
    }

    /// <summary>Recycles one instance of the slot's deployment; null when asked, else why not.</summary>
    public string? Recycle(DeploymentSlot slot, string instanceId) =>
        Deployment(slot) is { } deployment ? deployment.Recycle(instanceId) : $"the {Name(slot)} slot is empty";

    /// <summary>
    /// Checks and applies new setting values to the slot's deployment (<see cref="LocalDeployment.PlanSettings"/>, then
    /// <see cref="LocalDeployment.SetConfigurationAsync"/>) under the operation lock: each instance's outcome, or why not.
    /// </summary>
    public async Task<(IReadOnlyList<ChangeOutcome>? Outcomes, string? Error)> SetConfigurationAsync(
        DeploymentSlot slot, string? roleName, IReadOnlyDictionary<string, string> values)
    {
        if (Deployment(slot) is not { } deployment)
        {
            return (null, $"the {Name(slot)} slot is empty");
        }

        var (perRole, errors) = deployment.PlanSettings(roleName, values);
        if (errors.Count > 0)
        {
            return (null, string.Join("; ", errors));
        }

        using var held = _operations.TryEnter($"set-config --slot {Name(slot)}", out var refusal);
        if (held is null)
        {
            return (null, refusal);
        }

        return (await deployment.SetConfigurationAsync(perRole).ConfigureAwait(false), null);
    }
}
