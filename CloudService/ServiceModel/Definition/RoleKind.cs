namespace BackgroundRoles.ServiceModel;

/// <summary>Which element declared a role.</summary>
public enum RoleKind
{
    /// <summary><c>WebRole</c>: hosts IIS sites as well as a role entry point.</summary>
    Web,

    /// <summary><c>WorkerRole</c>: runs only its entry point.</summary>
    Worker,

    /// <summary><c>RoleModule</c>: a plugin merged into the roles that import it.</summary>
    Module,
}
