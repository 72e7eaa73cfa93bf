using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>What an in-place upgrade moves a slot's deployment to, and how.</summary>
/// <param name="Slot">The slot whose deployment it upgrades.</param>
/// <param name="Package">The new package.</param>
/// <param name="Model">The package's csdef with the configuration the upgrade uses (its own cscfg, or the one given).</param>
/// <param name="Mode">Auto, or manual (<c>walk-ud</c> between domains).</param>
/// <param name="InstanceTimeout">How long each instance has to get Ready on the new package (and again on the old one in a rollback).</param>
/// <param name="DrainTime">How long an instance out of rotation keeps running for the requests already forwarded to it.</param>
internal sealed record UpgradePlan(
    DeploymentSlot Slot, ServicePackage Package, ServiceModel.ServiceModel Model, UpgradeMode Mode, TimeSpan InstanceTimeout, TimeSpan DrainTime);
