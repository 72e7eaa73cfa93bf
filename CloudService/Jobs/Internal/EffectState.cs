namespace BackgroundRoles.Jobs.Internal;

internal enum EffectState
{
    /// <summary>An attempt is running the side effect, until the record's lease ends.</summary>
    Started,

    /// <summary>The side effect finished: it never runs again.</summary>
    Completed,

    /// <summary>The side effect threw: the next attempt may run it.</summary>
    Failed,
}
