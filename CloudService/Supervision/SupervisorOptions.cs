namespace BackgroundRoles.Supervision;

/// <summary>Options of a <see cref="Supervisor"/>.</summary>
public sealed class SupervisorOptions
{
    /// <summary>The clock for every delay, timeout and timestamp. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Part of a stop budget kept back: <see cref="Supervisor.StopAsync"/> waits for tasks at most
    /// <c>budget - StopSafetyMargin</c>. Default: 5 seconds.
    /// </summary>
    public TimeSpan StopSafetyMargin { get; init; } = SupervisorDefaults.StopSafetyMargin;

    /// <summary>The stop budget used when the token passed to <see cref="Supervisor.RunAsync"/> is cancelled. Default: 30 seconds.</summary>
    public TimeSpan StopBudget { get; init; } = SupervisorDefaults.StopBudget;

    /// <summary>
    /// Decides whether a task's exception means that shared state is corrupt; if so the supervisor cancels every task
    /// and escalates. Default: <see cref="SupervisorDefaults.IsCorruptState"/> (a <see cref="CorruptStateException"/>,
    /// also as an inner or aggregated exception).
    /// </summary>
    public Func<Exception, bool> IsCorruptState { get; init; } = SupervisorDefaults.IsCorruptState;

    internal void Validate(string paramName)
    {
        if (TimeProvider is null || IsCorruptState is null)
        {
            throw new ArgumentNullException(paramName, "SupervisorOptions.TimeProvider and IsCorruptState must not be null.");
        }

        if (StopSafetyMargin < TimeSpan.Zero || StopBudget < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, "SupervisorOptions.StopSafetyMargin and StopBudget must not be negative.");
        }
    }
}
