namespace BackgroundRoles.Fabric.Instances;

/// <summary>
/// The restart delays of one instance: from the initial delay, doubled at each quick exit up to the cap, a little
/// jitter added; a run longer than the healthy period starts again from the initial delay.
/// </summary>
internal sealed class CrashLoopBackoff(LocalDeploymentOptions options)
{
    private TimeSpan _next = options.InitialRestartDelay;

    /// <summary>The delay before the next start of an instance that ran for <paramref name="ranFor"/>.</summary>
    public TimeSpan Next(TimeSpan ranFor)
    {
        if (ranFor >= options.HealthyRun)
        {
            _next = options.InitialRestartDelay;
        }

        var delay = _next + (_next * (FabricDefaults.RestartJitter * Random.Shared.NextDouble()));
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, options.MaxRestartDelay.Ticks));
        return delay;
    }
}
