using BackgroundRoles.ServiceModel;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Fabric.Tests;

/// <summary>The repository's own service model turned into instance specs.</summary>
[TestClass]
public sealed class RoleInstanceBuilderTests
{
    private static readonly ServiceModelLoad Model = ServiceModel.ServiceModel.Load(
        Path.Combine(RepositoryPaths.Root, "ServiceDefinition.csdef"),
        Path.Combine(RepositoryPaths.Root, "ServiceConfiguration.Local.cscfg"));

    [TestMethod]
    public void Build_WorkerRole_HasSettingsLocalResourcesTopologyAndResolvedVariables()
    {
        var layout = new FabricLayout(RepositoryPaths.Root, Path.Combine(RepositoryPaths.Root, "artifacts"), Path.Combine(Path.GetTempPath(), "state"));
        var definition = Model.Model!.Definition;

        var (spec, errors) = new RoleInstanceBuilder(layout, new PortAllocator()).Build(definition, Model.Model.Configuration, definition.FindRole("WorkerRole")!, 1, "dep", isEmulated: true);

        Assert.IsEmpty(errors);
        Assert.IsNotNull(spec);
        var descriptor = spec.Descriptor;
        Assert.AreEqual("WorkerRole_IN_1", descriptor.InstanceId);
        Assert.AreEqual("false", descriptor.Settings["Freeze"]);
        Assert.AreEqual(Path.Combine(layout.StateDirectory, "instances", "WorkerRole_IN_1", "LocalResources", "Scratch"), descriptor.LocalResources.Single(r => r.Name == "Scratch").RootPath);
        Assert.AreEqual(512, descriptor.LocalResources.Single(r => r.Name == "Scratch").SizeInMB);
        Assert.AreEqual("WorkerRole_IN_1", spec.EnvironmentVariables["ROLE_INSTANCE_ID"]);
        Assert.AreEqual("WorkerRole.dll", descriptor.EntryPointAssembly);
        Assert.AreEqual("WorkerRole.dll", Path.GetFileName(spec.Command.Arguments[0]));
        CollectionAssert.AreEquivalent(new[] { "WebRole", "WorkerRole" }, descriptor.Roles.Select(r => r.Name).ToList());
        CollectionAssert.AreEqual(new[] { spec.Descriptor.LocalResources.Single(r => r.Name == "Health").RootPath }, spec.CleanOnStart.ToList(), "Scratch says cleanOnRoleRecycle=false");
    }

    [TestMethod]
    public void Build_WebRole_ListensOnLoopbackOnAnUnprivilegedPort()
    {
        var layout = FabricLayout.ForServiceRoot(RepositoryPaths.Root, Path.Combine(Path.GetTempPath(), "state"));
        var definition = Model.Model!.Definition;

        var (spec, errors) = new RoleInstanceBuilder(layout, new PortAllocator()).Build(definition, Model.Model.Configuration, definition.FindRole("WebRole")!, 0, "dep", isEmulated: true);

        Assert.IsEmpty(errors);
        var endpoint = spec!.Descriptor.Endpoints.Single();
        Assert.AreEqual("HttpIn", endpoint.Name);
        Assert.AreEqual("127.0.0.1", endpoint.Address);
        Assert.IsGreaterThanOrEqualTo(PortAllocator.FirstUnprivilegedPort, endpoint.Port);
    }

    [TestMethod]
    public void Build_NoBuildOfTheRole_SaysWhatToBuild()
    {
        var layout = new FabricLayout(RepositoryPaths.Root, Path.Combine(Path.GetTempPath(), "no-artifacts-here"), Path.Combine(Path.GetTempPath(), "state"));
        var definition = Model.Model!.Definition;

        var (spec, errors) = new RoleInstanceBuilder(layout, new PortAllocator()).Build(definition, Model.Model.Configuration, definition.FindRole("WorkerRole")!, 0, "dep", isEmulated: true);

        Assert.IsNull(spec);
        StringAssert.Contains(errors.Single(), "no build of WorkerRole.dll");
    }
}
