namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>Raised when the instance is about to stop, before OnStop.</summary>
public class RoleEnvironmentStoppingEventArgs : EventArgs
{
}
