namespace BackgroundRoles.ServiceModel;

/// <summary>The <c>executionContext</c> of a startup task or runtime.</summary>
public enum TaskExecutionContext
{
    /// <summary><c>limited</c>, the default: the same rights as the role host.</summary>
    Limited,

    /// <summary><c>elevated</c>: administrator (root) rights.</summary>
    Elevated,
}
