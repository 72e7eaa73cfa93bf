namespace BackgroundRoles.ServiceRuntime;

/// <summary>
/// The base class of a role's entry point, as on Cloud Services. The host calls, in this order:
/// <list type="number">
/// <item><see cref="OnStart"/>: initialise; the instance is Busy and gets no traffic. Returning false ends the process.</item>
/// <item><see cref="Run"/>, on a dedicated thread, once the instance is Ready. When it returns the role recycles.</item>
/// <item>On a stop, a recycle request or Run returning: the <see cref="RoleEnvironment.Stopping"/> event, then
/// <see cref="OnStop"/>, within the stop budget (five minutes unless a setting lowers it).</item>
/// </list>
/// An unhandled exception from <see cref="OnStart"/> or <see cref="Run"/> ends the process at once, without
/// Stopping or OnStop, as on the platform.
/// </summary>
public abstract class RoleEntryPoint
{
    /// <summary>Called once before <see cref="Run"/>. Return false to stop the instance.</summary>
    public virtual bool OnStart() => true;

    /// <summary>
    /// The role's long-running work. The default blocks until the process ends, like the original;
    /// returning from it recycles the role.
    /// </summary>
    public virtual void Run() => Thread.Sleep(Timeout.Infinite);

    /// <summary>Called once when the instance stops; must return within the stop budget.</summary>
    public virtual void OnStop()
    {
    }
}
