namespace BackgroundRoles.Fabric;

/// <summary>How a <see cref="LocalDeployment"/> keeps its instances running; every default is in <see cref="FabricDefaults"/>.</summary>
public sealed record LocalDeploymentOptions
{
    /// <summary>The first restart delay of a failing instance. Default: <see cref="FabricDefaults.InitialRestartDelay"/> (1 s).</summary>
    public TimeSpan InitialRestartDelay { get; init; } = FabricDefaults.InitialRestartDelay;

    /// <summary>The longest restart delay. Default: <see cref="FabricDefaults.MaxRestartDelay"/> (1 minute).</summary>
    public TimeSpan MaxRestartDelay { get; init; } = FabricDefaults.MaxRestartDelay;

    /// <summary>A run this long resets the backoff. Default: <see cref="FabricDefaults.HealthyRun"/> (1 minute).</summary>
    public TimeSpan HealthyRun { get; init; } = FabricDefaults.HealthyRun;

    /// <summary>How long past its stop budget an instance may take before it is ended. Default: <see cref="FabricDefaults.KillGrace"/> (10 s).</summary>
    public TimeSpan KillGrace { get; init; } = FabricDefaults.KillGrace;

    /// <summary>
    /// How long after its last restart an instance counts as stable again (a swap needs every instance stable).
    /// Default: <see cref="FabricDefaults.SettleTime"/> (5 s).
    /// </summary>
    public TimeSpan SettleTime { get; init; } = FabricDefaults.SettleTime;

    /// <summary>
    /// True: the public endpoints listen on the csdef's ports (when free), as production does; false: on free ports,
    /// as the staging slot's own address. Default: true.
    /// </summary>
    public bool UseDefinedPublicPorts { get; init; } = true;

    /// <summary>
    /// True: instance folders and logs go to a folder of the deployment's own (<see cref="FabricLayout.DeploymentFolder"/>),
    /// for a deployment that runs beside another. Default: false.
    /// </summary>
    public bool SeparateState { get; init; }

    /// <summary>The allocator of every port, shared by the deployments of one emulator so none is given twice. Default: one of its own.</summary>
    public PortAllocator? Ports { get; init; }

    /// <summary>The clock of every delay and duration. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
