namespace Microsoft.WindowsAzure.ServiceRuntime;

/// <summary>Thrown for an unknown setting or local resource, or when no role environment is available.</summary>
public class RoleEnvironmentException : Exception
{
    public RoleEnvironmentException()
    {
    }

    public RoleEnvironmentException(string message)
        : base(message)
    {
    }

    public RoleEnvironmentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
