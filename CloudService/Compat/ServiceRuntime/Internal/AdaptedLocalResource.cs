using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>The runtime's local resource in the SDK's shape.</summary>
internal sealed class AdaptedLocalResource(BackgroundRoles.ServiceRuntime.LocalResource resource) : LocalResource
{
    public override int MaximumSizeInMegabytes => resource.MaximumSizeInMegabytes;

    public override string Name => resource.Name;

    public override string RootPath => resource.RootPath;
}
