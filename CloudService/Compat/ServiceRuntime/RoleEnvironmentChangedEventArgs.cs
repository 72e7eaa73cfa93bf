using System.Collections.ObjectModel;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>Raised after a change has been applied.</summary>
public class RoleEnvironmentChangedEventArgs : EventArgs
{
    public RoleEnvironmentChangedEventArgs(IList<RoleEnvironmentChange> changes)
    {
        Changes = new ReadOnlyCollection<RoleEnvironmentChange>(changes);
    }

    public ReadOnlyCollection<RoleEnvironmentChange> Changes { get; }
}
