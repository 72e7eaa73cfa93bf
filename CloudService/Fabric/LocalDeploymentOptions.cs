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

    /// <summary>The clock of every delay and duration. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
