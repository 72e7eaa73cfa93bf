using System.Net;

namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>A group of virtual IP addresses of an instance (the SDK's shape; a local deployment has none).</summary>
public abstract class VirtualIPGroup
{
    public abstract string VirtualIPGroupName { get; }

    public abstract IDictionary<IPAddress, VirtualIPEndpoints> VirtualIPEndpoints { get; }
}
