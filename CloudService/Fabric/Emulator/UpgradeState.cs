namespace BackgroundRoles.Fabric.Emulator;

/// <summary>Where an in-place upgrade is.</summary>
public enum UpgradeState
{
    /// <summary>An update domain is being upgraded (or, after a failure, rolled back).</summary>
    Walking,

    /// <summary>Manual mode: an update domain is done; the next one waits for <c>walk-ud</c>.</summary>
    WaitingForWalk,

    /// <summary>Every update domain runs the new package.</summary>
    Completed,

    /// <summary>An instance did not get Ready in time; the upgraded domains run the old package again.</summary>
    RolledBack,

    /// <summary>The emulator stopped during the walk.</summary>
    Cancelled,
}
