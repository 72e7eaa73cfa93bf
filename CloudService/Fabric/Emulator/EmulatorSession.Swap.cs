using BackgroundRoles.Fabric.LoadBalancing;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>The VIP swap: the two deployments exchange their slots' public addresses at the balancers.</summary>
public sealed partial class EmulatorSession
{
    /// <summary>
    /// Exchanges the deployments of production and staging: from the moment it returns, new requests and connections on
    /// each slot's address go to the other deployment; those in flight finish where they started. Refused, with the
    /// reason and the instances concerned, when a slot is empty, when the input endpoints differ in name, protocol or
    /// port, or when an instance of either is not stable.
    /// </summary>
    /// <returns>Null when swapped, else why not.</returns>
    public string? Swap()
    {
        var started = DeploymentOptions.TimeProvider.GetTimestamp();
        using var held = _operations.TryEnter("swap", out var refusal);
        if (held is null)
        {
            return refusal;
        }

        SlotDeployment? production, staging;
        lock (_gate)
        {
            production = _deployments.GetValueOrDefault(DeploymentSlot.Production);
            staging = _deployments.GetValueOrDefault(DeploymentSlot.Staging);
        }

        if (production is null || staging is null)
        {
            return $"refused: a swap needs a deployment in both slots; the {(production is null ? "production" : "staging")} slot is empty";
        }

        var endpoints = SwapCheck.EndpointDifferences(production.Deployment, staging.Deployment);
        if (endpoints.Count > 0)
        {
            return "refused: the input endpoints differ in name, protocol or port:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", endpoints);
        }

        var time = DeploymentOptions.TimeProvider;
        var unstable = SwapCheck.Unstable(DeploymentSlot.Production, production.Deployment, time)
            .Concat(SwapCheck.Unstable(DeploymentSlot.Staging, staging.Deployment, time)).ToList();
        if (unstable.Count > 0)
        {
            return $"refused: every instance of both deployments must be stable (Ready, Busy or Frozen, not restarted within {DeploymentOptions.SettleTime.TotalSeconds:F0} s); not stable:"
                + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", unstable);
        }

        lock (_gate)
        {
            PublicFrontend.Exchange(_frontends[DeploymentSlot.Production], _frontends[DeploymentSlot.Staging]);
            _deployments[DeploymentSlot.Production] = staging;
            _deployments[DeploymentSlot.Staging] = production;
        }

        var took = DeploymentOptions.TimeProvider.GetElapsedTime(started);
        Say($"Swap: production now runs deployment {staging.Deployment.DeploymentId}, staging runs {production.Deployment.DeploymentId} (checked and exchanged in {took.TotalMilliseconds:F1} ms)");
        Raise(EmulatorChange.Swapped, DeploymentSlot.Production, staging.Deployment.DeploymentId);
        Raise(EmulatorChange.Swapped, DeploymentSlot.Staging, production.Deployment.DeploymentId);
        return null;
    }
}
