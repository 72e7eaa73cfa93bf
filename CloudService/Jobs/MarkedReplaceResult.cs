namespace BackgroundRoles.Jobs;

/// <summary>What <see cref="DocumentTable{T}.TryReplaceMarkedAsync"/> did.</summary>
public enum MarkedReplaceResult
{
    /// <summary>The document was replaced and the marker written, together.</summary>
    Replaced,

    /// <summary>Nothing was written: the document changed since it was read (or is gone). Read it again and retry.</summary>
    Changed,

    /// <summary>Nothing was written: the marker exists, so this change was made before.</summary>
    AlreadyMarked,
}
