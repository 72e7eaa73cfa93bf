using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>Operations on the deployment of one slot: scale, recycle, set-config, update-config.</summary>
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

    /// <summary>
    /// Applies a new cscfg to the slot's deployment under the operation lock: it must fit the deployment's csdef (else
    /// nothing changes and every validation error is returned as <c>file(line,col): error: message</c>); changed
    /// settings go to the instances live (Changing, then Changed; one that cancels Changing is recycled with the new
    /// values), and a changed instance count scales the role.
    /// </summary>
    public async Task<(UpdateConfigResponse? Result, string? Error)> UpdateConfigurationAsync(DeploymentSlot slot, string cscfgPath)
    {
        using var held = _operations.TryEnter($"update-config --slot {Name(slot)}", out var refusal);
        if (held is null)
        {
            return (null, refusal);
        }

        SlotDeployment? running;
        lock (_gate)
        {
            running = _deployments.GetValueOrDefault(slot);
        }

        if (running is null)
        {
            return (null, $"the {Name(slot)} slot is empty");
        }

        var load = ServiceModel.ServiceModel.Load(running.Package.DefinitionPath, cscfgPath);
        if (load.HasErrors || load.Model is null)
        {
            return (null, $"{cscfgPath} does not fit deployment {running.Deployment.DeploymentId}; nothing changed:" + Environment.NewLine
                + string.Join(Environment.NewLine, load.Diagnostics.Select(d => d.ToString())));
        }

        var update = ConfigurationUpdate.Plan(running.Deployment, load.Model.Configuration);
        Say(update.Changes.Count == 0 ? $"update-config --slot {Name(slot)}: nothing changes" : $"update-config --slot {Name(slot)}: {string.Join("; ", update.Changes)}");
        var outcomes = update.Settings.Count == 0 ? [] : await running.Deployment.SetConfigurationAsync(update.Settings).ConfigureAwait(false);
        foreach (var (role, count) in update.Counts)
        {
            if (await running.Deployment.ScaleAsync(role, count).ConfigureAwait(false) is { } error)
            {
                return (null, $"{role}: {error}");
            }
        }

        return (new UpdateConfigResponse(update.Changes, outcomes), null);
    }
}
