using System.Collections.ObjectModel;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>The runtime's role instance in the SDK's shape: read-only dictionaries, endpoints that know their instance.</summary>
internal sealed class AdaptedRoleInstance : RoleInstance
{
    private static readonly IDictionary<string, VirtualIPGroup> NoVirtualIPGroups = new ReadOnlyDictionary<string, VirtualIPGroup>(new Dictionary<string, VirtualIPGroup>());

    private readonly BackgroundRoles.ServiceRuntime.RoleInstance _instance;
    private Role? _role;

    public AdaptedRoleInstance(BackgroundRoles.ServiceRuntime.RoleInstance instance)
    {
        _instance = instance;
        InstanceEndpoints = new ReadOnlyDictionary<string, RoleInstanceEndpoint>(
            instance.InstanceEndpoints.ToDictionary(e => e.Key, e => (RoleInstanceEndpoint)new AdaptedEndpoint(e.Value, this), StringComparer.Ordinal));
    }

    public override string Id => _instance.Id;

    /// <summary>Set by the topology snapshot the instance belongs to (for the current instance: the latest one).</summary>
    public override Role Role => Volatile.Read(ref _role) ?? throw new InvalidOperationException($"The instance {Id} belongs to no role yet.");

    public override int UpdateDomain => _instance.UpdateDomain;

    public override int FaultDomain => _instance.FaultDomain;

    public override IDictionary<string, RoleInstanceEndpoint> InstanceEndpoints { get; }

    public override IDictionary<string, VirtualIPGroup> VirtualIPGroups => NoVirtualIPGroups;

    internal void SetRole(Role role) => Volatile.Write(ref _role, role);
}
