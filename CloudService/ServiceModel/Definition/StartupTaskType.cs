namespace BackgroundRoles.ServiceModel;

/// <summary>The <c>taskType</c> of a startup task.</summary>
public enum StartupTaskType
{
    /// <summary><c>simple</c>, the default: run to completion before the next task starts.</summary>
    Simple,

    /// <summary><c>background</c>: start and go on; the role does not wait for it.</summary>
    Background,

    /// <summary><c>foreground</c>: start and go on; the role cannot stop until it ends.</summary>
    Foreground,
}
