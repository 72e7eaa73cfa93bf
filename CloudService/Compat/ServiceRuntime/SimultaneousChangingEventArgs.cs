using System.Collections.ObjectModel;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>Raised before a change that every instance receives at once; it cannot be cancelled.</summary>
public class SimultaneousChangingEventArgs : EventArgs
{
    public SimultaneousChangingEventArgs(IList<SimultaneousChange> changes)
    {
        Changes = new ReadOnlyCollection<SimultaneousChange>(changes);
    }

    public ReadOnlyCollection<SimultaneousChange> Changes { get; }
}
