namespace BackgroundRoles.Supervision.Composition;

/// <summary>
/// Every default a <see cref="RoleKit"/> derives, in one place: the stop stages from the role's stop budget, the
/// restart policy a declared task gets, and a periodic task's stall timeout. A role computes none of them.
/// </summary>
public static class CompositionDefaults
{
    /// <summary>A periodic task that has not reached a tick for this many intervals is stalled: 3.</summary>
    public const int PeriodicStallIntervals = 3;

    /// <summary>The stages of a stop within <paramref name="stopBudget"/>: <see cref="StopStages.FromBudget"/>.</summary>
    public static StopStages StopStagesOf(TimeSpan stopBudget) => StopStages.FromBudget(stopBudget);

    /// <summary>
    /// The policy of a declared task: <see cref="RestartPolicy.Default"/> with the stop's
    /// <see cref="StopStages.TaskGrace"/> as its cancellation grace, so a freeze (which cancels without a stop) gives
    /// a task as long as a stop does.
    /// </summary>
    public static RestartPolicy PolicyFor(StopStages stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return RestartPolicy.Default with { CancellationGrace = stages.TaskGrace };
    }

    /// <summary>The stall timeout of a periodic task every <paramref name="interval"/>: <see cref="PeriodicStallIntervals"/> intervals.</summary>
    public static TimeSpan PeriodicStallTimeout(TimeSpan interval) => interval * PeriodicStallIntervals;
}
