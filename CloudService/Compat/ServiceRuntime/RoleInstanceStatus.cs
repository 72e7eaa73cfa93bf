namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>What an instance tells the load balancer: Ready takes traffic, Busy does not.</summary>
public enum RoleInstanceStatus
{
    Busy,
    Ready,
}
