using System.Collections.ObjectModel;
using System.ComponentModel;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>Raised before a change is applied; setting <see cref="CancelEventArgs.Cancel"/> recycles the instance instead.</summary>
public class RoleEnvironmentChangingEventArgs : CancelEventArgs
{
    public RoleEnvironmentChangingEventArgs(IList<RoleEnvironmentChange> changes)
    {
        Changes = new ReadOnlyCollection<RoleEnvironmentChange>(changes);
    }

    public ReadOnlyCollection<RoleEnvironmentChange> Changes { get; }
}
