using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Hosting.Internal;

/// <summary>Finds and creates the role's RoleEntryPoint: in the csdef's NetFxEntryPoint assembly, else the entry assembly.</summary>
internal static class EntryPointLocator
{
    public static bool TryCreate(RoleInstanceDescriptor descriptor, [NotNullWhen(true)] out RoleEntryPoint? entryPoint, out string error)
    {
        entryPoint = null;
        Assembly assembly;
        try
        {
            assembly = descriptor.EntryPointAssembly is { Length: > 0 } name
                ? Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, name))
                : Assembly.GetEntryAssembly() ?? throw new FileNotFoundException("The process has no entry assembly.");
        }
        catch (Exception e) when (e is IOException or BadImageFormatException)
        {
            error = $"cannot load the entry point assembly: {e.Message}";
            return false;
        }

        var candidates = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(RoleEntryPoint).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        if (candidates.Count != 1)
        {
            error = candidates.Count == 0
                ? $"no public RoleEntryPoint subclass with a parameterless constructor in {assembly.GetName().Name}"
                : $"several RoleEntryPoint subclasses in {assembly.GetName().Name}: {string.Join(", ", candidates.Select(t => t.FullName))}";
            return false;
        }

        entryPoint = (RoleEntryPoint)Activator.CreateInstance(candidates[0])!;
        error = string.Empty;
        return true;
    }
}
