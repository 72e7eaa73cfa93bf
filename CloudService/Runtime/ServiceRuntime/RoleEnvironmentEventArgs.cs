using System.Collections.ObjectModel;

namespace BackgroundRoles.ServiceRuntime;

/// <summary>Raised before a change is applied; set <see cref="Cancel"/> to recycle the instance instead.</summary>
public sealed class RoleEnvironmentChangingEventArgs : EventArgs
{
    public RoleEnvironmentChangingEventArgs(IList<RoleEnvironmentChange> changes)
    {
        Changes = new ReadOnlyCollection<RoleEnvironmentChange>(changes);
    }

    public ReadOnlyCollection<RoleEnvironmentChange> Changes { get; }

    /// <summary>True asks the fabric to recycle the instance to apply the change.</summary>
    public bool Cancel { get; set; }
}

/// <summary>Raised after a change has been applied.</summary>
public sealed class RoleEnvironmentChangedEventArgs : EventArgs
{
    public RoleEnvironmentChangedEventArgs(IList<RoleEnvironmentChange> changes)
    {
        Changes = new ReadOnlyCollection<RoleEnvironmentChange>(changes);
    }

    public ReadOnlyCollection<RoleEnvironmentChange> Changes { get; }
}

/// <summary>Raised when the instance is about to stop, before OnStop.</summary>
public sealed class RoleEnvironmentStoppingEventArgs : EventArgs
{
}

/// <summary>Raised periodically; a handler calls <see cref="SetBusy"/> to take the instance out of rotation.</summary>
public sealed class RoleInstanceStatusCheckEventArgs : EventArgs
{
    public RoleInstanceStatusCheckEventArgs(RoleInstanceStatus status)
    {
        Status = status;
    }

    /// <summary>The status the instance will report unless a handler calls <see cref="SetBusy"/>.</summary>
    public RoleInstanceStatus Status { get; private set; }

    public void SetBusy() => Status = RoleInstanceStatus.Busy;
}
