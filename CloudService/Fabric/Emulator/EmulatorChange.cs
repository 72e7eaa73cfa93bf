namespace BackgroundRoles.Fabric.Emulator;

/// <summary>The kinds of <see cref="EmulatorChangedEventArgs"/>.</summary>
public enum EmulatorChange
{
    /// <summary>A deployment started in a slot.</summary>
    Deployed,

    /// <summary>A slot's deployment was stopped and removed.</summary>
    Deleted,

    /// <summary>A swap gave the deployment the other slot.</summary>
    Swapped,

    /// <summary>An in-place upgrade of the deployment made progress (a domain started, ended or rolled back).</summary>
    Upgrade,

    /// <summary>Instances of a role of the deployment changed state, health or count.</summary>
    Instances,
}
