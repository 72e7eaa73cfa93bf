namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// The deployment's new topology, every role with its instances as a descriptor lists them (a role was scaled): one
/// Changing and Changed with a topology change for each role whose instances differ.
/// </summary>
public sealed record ApplyTopologyMessage(long Id, IReadOnlyList<RoleTopologyDescriptor> Roles) : EnvironmentChangeMessage(Id);
