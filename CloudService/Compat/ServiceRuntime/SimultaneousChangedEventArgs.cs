using System.Collections.ObjectModel;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>Raised after a change that every instance received at once.</summary>
public class SimultaneousChangedEventArgs : EventArgs
{
    public SimultaneousChangedEventArgs(IList<SimultaneousChange> changes)
    {
        Changes = new ReadOnlyCollection<SimultaneousChange>(changes);
    }

    public ReadOnlyCollection<SimultaneousChange> Changes { get; }
}
