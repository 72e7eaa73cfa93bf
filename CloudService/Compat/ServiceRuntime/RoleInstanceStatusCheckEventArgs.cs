namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>Raised periodically; a handler calls <see cref="SetBusy"/> to take the instance out of rotation.</summary>
public class RoleInstanceStatusCheckEventArgs : EventArgs
{
    public RoleInstanceStatusCheckEventArgs(RoleInstanceStatus status)
    {
        Status = status;
    }

    /// <summary>The status the instance will report unless a handler calls <see cref="SetBusy"/>.</summary>
    public RoleInstanceStatus Status { get; private set; }

    public void SetBusy() => Status = RoleInstanceStatus.Busy;
}
