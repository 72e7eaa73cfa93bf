using BackgroundRoles.Hosting;

namespace BackgroundRoles.Fabric;

/// <summary>Everything needed to start one role instance process.</summary>
/// <param name="Descriptor">What the instance learns about itself through the role environment.</param>
/// <param name="Command">The program that runs the role.</param>
/// <param name="EnvironmentVariables">The csdef's Runtime/Environment variables, resolved.</param>
/// <param name="CleanOnStart">Local resources declared with cleanOnRoleRecycle (the default): emptied before each start.</param>
public sealed record RoleInstanceSpec(
    RoleInstanceDescriptor Descriptor,
    RoleCommand Command,
    IReadOnlyDictionary<string, string> EnvironmentVariables,
    IReadOnlyList<string> CleanOnStart);

/// <summary>A program and its arguments, started in <paramref name="WorkingDirectory"/>.</summary>
public sealed record RoleCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory);
