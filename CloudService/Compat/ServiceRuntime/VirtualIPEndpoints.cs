namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>The endpoints behind one virtual IP address (the SDK's shape; a local deployment has none).</summary>
public abstract class VirtualIPEndpoints
{
    /// <summary>The instance endpoints by port.</summary>
    public abstract IDictionary<int, RoleInstanceEndpoint> InstanceEndpoints { get; }
}
