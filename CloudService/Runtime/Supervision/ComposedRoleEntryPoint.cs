using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Supervision;

/// <summary>
/// A role whose OnStart is a declaration: <see cref="Compose"/> declares the background work on a
/// <see cref="RoleKit"/>, and OnStart, Run and OnStop are derived (<see cref="RoleComposition"/>): Freeze parks the
/// role, Run returns on an escalation so the role recycles, OnStop drains within the stop budget.
/// </summary>
public abstract class ComposedRoleEntryPoint : RoleEntryPoint
{
    private RoleComposition? _composition;

    /// <summary>Starts the role: <see cref="Compose"/> on a kit bound to <see cref="RoleEnvironment.Current"/>; false when it cannot start.</summary>
    public sealed override bool OnStart()
    {
        var environment = RoleEnvironment.Current;
        _composition = RoleComposition.Start(environment, kit => Compose(kit, environment));
        return _composition is not null;
    }

    /// <summary>Runs the declared work until a stop, or returns on an escalation so that the role recycles.</summary>
    public sealed override void Run() => _composition?.Run();

    /// <summary>Drains the declared work within the role's stop budget.</summary>
    public sealed override void OnStop()
    {
        if (_composition is null)
        {
            return;
        }

        _composition.Stop();
        _composition.Dispose();
    }

    /// <summary>
    /// Declares the role's background work on <paramref name="kit"/>: read and check the settings, then add tasks,
    /// periodic tasks and queue handlers. Return false (having logged why) when the role cannot start.
    /// </summary>
    /// <param name="kit">The kit: its stop stages, clock and logger factory are the role's.</param>
    /// <param name="environment">The role instance: settings, local resources, identity.</param>
    protected abstract bool Compose(RoleKit kit, RoleInstanceEnvironment environment);
}
