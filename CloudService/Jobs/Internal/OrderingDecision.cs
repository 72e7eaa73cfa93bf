namespace BackgroundRoles.Jobs.Internal;

/// <summary>What the ordering rule says about an ordered message.</summary>
internal enum OrderingDecision
{
    /// <summary>Its sequence is the next one: run it.</summary>
    Run,

    /// <summary>Its sequence was processed already by another job: do not run it.</summary>
    Stale,

    /// <summary>This very job was processed and recorded, but its message was not deleted: finish it without running.</summary>
    AlreadyDone,

    /// <summary>A predecessor has not been processed yet: wait.</summary>
    Wait,
}
