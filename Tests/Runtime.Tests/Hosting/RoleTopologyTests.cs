using BackgroundRoles.Hosting;

namespace BackgroundRoles.Runtime.Tests.Hosting;

/// <summary>Which roles' instances differ between two topologies.</summary>
[TestClass]
public sealed class RoleTopologyTests
{
    private static readonly RoleTopologyDescriptor Web = new("WebRole", ["WebRole_IN_0"]);

    [TestMethod]
    public void ChangedRoles_SameRolesInANewList_None()
    {
        IReadOnlyList<RoleTopologyDescriptor> before = [Worker(2, 30000), Web];

        Assert.IsEmpty(RoleTopology.ChangedRoles(before, [Worker(2, 30000), new RoleTopologyDescriptor("webrole", ["WebRole_IN_0"])]));
    }

    [TestMethod]
    public void ChangedRoles_InstanceAddedOrEndpointMoved_ThatRole()
    {
        IReadOnlyList<RoleTopologyDescriptor> before = [Worker(2, 30000), Web];

        CollectionAssert.AreEqual(new[] { "WorkerRole" }, RoleTopology.ChangedRoles(before, [Worker(3, 30000), Web]).ToList());
        CollectionAssert.AreEqual(new[] { "WorkerRole" }, RoleTopology.ChangedRoles(before, [Worker(2, 31000), Web]).ToList());
    }

    [TestMethod]
    public void ChangedRoles_RoleAddedAndRoleGone_BothNewOnesFirst()
    {
        IReadOnlyList<RoleTopologyDescriptor> before = [Worker(2, 30000), Web];

        CollectionAssert.AreEqual(
            new[] { "CacheRole", "WebRole" },
            RoleTopology.ChangedRoles(before, [Worker(2, 30000), new RoleTopologyDescriptor("CacheRole", ["CacheRole_IN_0"])]).ToList());
    }

    /// <summary>WorkerRole with <paramref name="count"/> instances, each with a Gossip endpoint from <paramref name="firstPort"/>.</summary>
    private static RoleTopologyDescriptor Worker(int count, int firstPort)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"WorkerRole_IN_{i}").ToList();
        return new RoleTopologyDescriptor("WorkerRole", ids)
        {
            InstanceEndpoints = ids.Select((id, i) => (id, i)).ToDictionary(
                p => p.id,
                p => (IReadOnlyList<EndpointDescriptor>)[new EndpointDescriptor("Gossip", "tcp", "127.0.0.1", firstPort + p.i, null)]),
        };
    }
}
