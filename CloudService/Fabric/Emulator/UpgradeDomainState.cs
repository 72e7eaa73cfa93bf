namespace BackgroundRoles.Fabric.Emulator;

/// <summary>Where one update domain of an in-place upgrade is.</summary>
public enum UpgradeDomainState
{
    /// <summary>Not walked yet.</summary>
    Pending,

    /// <summary>Its instances are out of rotation, stopping or starting on the new package.</summary>
    Upgrading,

    /// <summary>Every instance of it is Ready on the new package.</summary>
    Upgraded,

    /// <summary>Its instances are going back to the old package.</summary>
    RollingBack,

    /// <summary>Its instances run the old package again (or were given it, when one did not get Ready again).</summary>
    RolledBack,
}
