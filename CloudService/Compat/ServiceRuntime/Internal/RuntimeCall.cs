using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>Calls the runtime and turns its exception into the SDK's, which classic code catches by type.</summary>
internal static class RuntimeCall
{
    public static T Invoke<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (BackgroundRoles.ServiceRuntime.RoleEnvironmentException e)
        {
            throw new RoleEnvironmentException(e.Message, e);
        }
    }
}
