namespace BackgroundRoles.Supervision;

/// <summary>Options of a <see cref="Supervisor"/>.</summary>
public sealed class SupervisorOptions
{
    /// <summary>The clock for every delay, timeout and timestamp. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The stop budget used when the token passed to <see cref="Supervisor.RunAsync"/> is cancelled. Default: 30 seconds.</summary>
    public TimeSpan StopBudget { get; init; } = SupervisorDefaults.StopBudget;

    /// <summary>
    /// Decides whether a task's exception means that shared state is corrupt; if so the supervisor cancels every task
    /// and escalates. Default: <see cref="SupervisorDefaults.IsCorruptState"/> (a <see cref="CorruptStateException"/>,
    /// also as an inner or aggregated exception).
    /// </summary>
    public Func<Exception, bool> IsCorruptState { get; init; } = SupervisorDefaults.IsCorruptState;

    /// <summary>
    /// The decider of every task whose <see cref="RestartPolicy.Decider"/> is null: what an exception a task threw
    /// calls for. Default: null, which is today's behaviour: <see cref="TaskDirective.Escalate"/> when
    /// <see cref="IsCorruptState"/> recognises the exception, else <see cref="TaskDirective.Restart"/>.
    /// </summary>
    public Func<Exception, TaskDirective>? Decider { get; init; }

    /// <summary>The decider in force for a task with <paramref name="policy"/>.</summary>
    internal Func<Exception, TaskDirective> DeciderFor(RestartPolicy policy)
    {
        if ((policy.Decider ?? Decider) is { } decider)
        {
            return decider;
        }

        Func<Exception, bool> isCorruptState = IsCorruptState;
        return error => isCorruptState(error) ? TaskDirective.Escalate : TaskDirective.Restart;
    }

    internal void Validate(string paramName)
    {
        if (TimeProvider is null || IsCorruptState is null)
        {
            throw new ArgumentNullException(paramName, "SupervisorOptions.TimeProvider and IsCorruptState must not be null.");
        }

        if (StopBudget < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, "SupervisorOptions.StopBudget must not be negative.");
        }
    }
}
