namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>A change applied to every instance at once (the platform's <c>topologyChangeDiscovery="Blast"</c>).</summary>
public abstract class SimultaneousChange : RoleEnvironmentChange
{
}
