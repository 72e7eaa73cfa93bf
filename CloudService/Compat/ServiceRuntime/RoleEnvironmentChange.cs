namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>A change to the role environment, carried by the Changing and Changed events.</summary>
public abstract class RoleEnvironmentChange
{
}
