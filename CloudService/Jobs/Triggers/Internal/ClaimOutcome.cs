namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>What a look at a blob version's receipt found.</summary>
internal enum ClaimOutcome
{
    /// <summary>This instance holds the claim now: run the handler.</summary>
    Claimed,

    /// <summary>Handled already (or poisoned now): never look again.</summary>
    Final,

    /// <summary>Another instance holds it, or its next attempt is not due yet: look again at a later scan.</summary>
    NotNow,
}
