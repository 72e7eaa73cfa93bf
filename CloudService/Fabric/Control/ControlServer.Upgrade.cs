using System.Net;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Fabric.Control;

/// <summary>The upgrade operations of the control API: start one, walk its next domain, read its progress.</summary>
public sealed partial class ControlServer
{
    /// <summary><c>POST /upgrade</c>: 202 with the upgrade as it starts (it goes on after the answer), 409 with why not.</summary>
    private (HttpStatusCode, object) Upgrade(UpgradeRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Package))
        {
            return (HttpStatusCode.BadRequest, new ControlError("no package given"));
        }

        var (upgrade, error) = _session.StartUpgrade(request.Slot, request.Package, request.Cscfg, request.Mode, request.InstanceTimeout);
        return upgrade is null ? (HttpStatusCode.Conflict, new ControlError(error!)) : (HttpStatusCode.Accepted, upgrade);
    }

    /// <summary><c>POST /walk-ud</c>: 202 with the upgrade once its next domain goes, 409 when no upgrade waits.</summary>
    private (HttpStatusCode, object) WalkUpgradeDomain(WalkRequest request) =>
        _session.WalkUpgradeDomain(request.Slot) is { } error
            ? (HttpStatusCode.Conflict, new ControlError(error))
            : (HttpStatusCode.Accepted, _session.Upgrade(request.Slot)!);

    /// <summary><c>GET /upgrade?slot=S</c>: the current or last upgrade of the slot's deployment; 404 when it has none.</summary>
    private (HttpStatusCode, object) UpgradeStatus(HttpListenerRequest request)
    {
        var text = request.QueryString["slot"] ?? "production";
        if (!Enum.TryParse<DeploymentSlot>(text, ignoreCase: true, out var slot) || !Enum.IsDefined(slot) || char.IsDigit(text[0]))
        {
            return (HttpStatusCode.BadRequest, new ControlError($"'{text}' is not a slot: production or staging"));
        }

        return _session.Upgrade(slot) is { } upgrade
            ? (HttpStatusCode.OK, upgrade)
            : (HttpStatusCode.NotFound, new ControlError($"the {EmulatorSession.Name(slot)} slot's deployment has not been upgraded"));
    }
}
