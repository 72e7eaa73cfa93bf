namespace BackgroundRoles.Hosting;

/// <summary>Compares two topologies (every role with its instances, as descriptors list them).</summary>
public static class RoleTopology
{
    /// <summary>
    /// The roles whose instances differ between <paramref name="before"/> and <paramref name="after"/> (ids, in order,
    /// or an instance's endpoints), or that are in one only: those in <paramref name="after"/> first, in its order.
    /// A name listed twice counts once, by its last entry. Names compare ignoring case, as role names do.
    /// </summary>
    public static IReadOnlyList<string> ChangedRoles(IReadOnlyList<RoleTopologyDescriptor> before, IReadOnlyList<RoleTopologyDescriptor> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = ByName(before);
        var now = ByName(after);
        return [.. now.Keys.Concat(old.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(name => !old.TryGetValue(name, out var a) || !now.TryGetValue(name, out var b) || !SameInstances(a, b))
            .Select(name => now.TryGetValue(name, out var role) ? role.Name : old[name].Name)];
    }

    /// <summary>The roles by name, in their order; a name listed twice counts once, by its last entry.</summary>
    public static IReadOnlyDictionary<string, RoleTopologyDescriptor> ByName(IReadOnlyList<RoleTopologyDescriptor> topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var roles = new Dictionary<string, RoleTopologyDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in topology)
        {
            roles[role.Name] = role;
        }

        return roles;
    }

    private static bool SameInstances(RoleTopologyDescriptor a, RoleTopologyDescriptor b) =>
        a.InstanceIds.SequenceEqual(b.InstanceIds, StringComparer.Ordinal)
        && a.InstanceIds.All(id => (a.InstanceEndpoints.TryGetValue(id, out var x), b.InstanceEndpoints.TryGetValue(id, out var y)) switch
        {
            (true, true) => x!.SequenceEqual(y!),
            (false, false) => true,
            _ => false,
        });
}
