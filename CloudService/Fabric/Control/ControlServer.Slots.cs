using System.Net;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary>The slot operations of the control API (deploy, delete, swap, update-config) and the status it answers with.</summary>
public sealed partial class ControlServer
{
    /// <summary>
    /// The status: production's deployment at the top level (as before slots, so readers of <c>status --json</c> keep
    /// working; an empty one with no roles when the slot is empty), staging's under <c>staging</c>.
    /// </summary>
    private DeploymentSnapshot Status()
    {
        var snapshot = _session.GetSnapshot();
        var production = snapshot[DeploymentSlot.Production].Deployment
            ?? new DeploymentSnapshot(string.Empty, string.Empty, snapshot.StartedAt, snapshot.Stopping, []) { Slot = DeploymentSlot.Production, PublicEndpoints = [] };
        return _session.WithAutoscale(production) with { Staging = snapshot[DeploymentSlot.Staging].Deployment, Operation = snapshot.Operation };
    }

    /// <summary>The status with each role's scheduled jobs and singletons, read from the storage of each slot's deployment.</summary>
    private async Task<DeploymentSnapshot> StatusWithCoordinationAsync()
    {
        var status = Status();
        var production = _session.Deployment(DeploymentSlot.Production);
        var staging = _session.Deployment(DeploymentSlot.Staging);
        var stagingStatus = status.Staging is { } stagingSnapshot && staging is not null
            ? await _coordination.AddToAsync(staging, stagingSnapshot).ConfigureAwait(false)
            : status.Staging;
        var productionStatus = production is null ? status : await _coordination.AddToAsync(production, status).ConfigureAwait(false);
        return productionStatus with { Staging = stagingStatus };
    }

    /// <summary>The status of one slot's deployment, the answer to an operation on it.</summary>
    private object Status(DeploymentSlot slot) =>
        _session.GetSnapshot()[slot].Deployment ?? (object)new ControlError($"the {EmulatorSession.Name(slot)} slot is empty");

    private async Task<(HttpStatusCode, object)> DeployAsync(DeployRequest request)
    {
        var (deployment, error) = await _session.DeployPackageAsync(request.Slot, request.Package, request.Cscfg).ConfigureAwait(false);
        return deployment is null
            ? (HttpStatusCode.Conflict, new ControlError(error!))
            : (HttpStatusCode.OK, Status(request.Slot));
    }

    private async Task<(HttpStatusCode, object)> DeleteAsync(DeleteRequest request) =>
        await _session.DeleteAsync(request.Slot).ConfigureAwait(false) is { } error
            ? (HttpStatusCode.Conflict, new ControlError(error))
            : (HttpStatusCode.OK, Status());

    private (HttpStatusCode, object) Swap() =>
        _session.Swap() is { } error
            ? (HttpStatusCode.Conflict, new ControlError(error))
            : (HttpStatusCode.OK, Status());

    private async Task<(HttpStatusCode, object)> UpdateConfigAsync(UpdateConfigRequest request)
    {
        var (result, error) = await _session.UpdateConfigurationAsync(request.Slot, request.Cscfg).ConfigureAwait(false);
        return result is null ? (HttpStatusCode.Conflict, new ControlError(error!)) : (HttpStatusCode.OK, result);
    }
}
