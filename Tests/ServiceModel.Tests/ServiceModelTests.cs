using BackgroundRoles.ServiceModel.Tests.Support;
using BackgroundRoles.Tests;

namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed class ServiceModelTests
{
    [TestMethod]
    public void Load_FittingPair_ReturnsModelWithoutErrors()
    {
        var load = ServiceModel.Load(ServiceModelFixtures.Valid("probes-certificates.csdef"), ServiceModelFixtures.Valid("probes-certificates.cscfg"));

        DiagnosticAssert.NoDiagnostics(load.Diagnostics);
        Assert.AreEqual("Gallery", load.Model!.Definition.Roles.Single().Name);
        Assert.AreEqual(2, load.Model.Configuration.FindRole("gallery")!.InstanceCount);
    }

    [TestMethod]
    public void Load_MissingFiles_ReportsEachWithoutThrowing()
    {
        var load = ServiceModel.Load("missing.csdef", "missing.cscfg");

        Assert.IsNull(load.Model);
        Assert.AreEqual("missing.csdef,missing.cscfg", string.Join(",", load.Diagnostics.Select(d => d.File)));
    }

    [TestMethod]
    public void Load_ZeroInstances_ReportsError()
    {
        var directory = Directory.CreateTempSubdirectory("servicemodel-tests-");
        try
        {
            var csdef = Path.Combine(directory.FullName, "ServiceDefinition.csdef");
            var cscfg = Path.Combine(directory.FullName, "ServiceConfiguration.cscfg");
            File.WriteAllText(csdef, Xml.Definition("<WorkerRole name=\"w\" />"));
            File.WriteAllText(cscfg, Xml.Configuration("<Role name=\"w\"><Instances count=\"0\" /></Role>"));

            var load = ServiceModel.Load(csdef, cscfg);

            Assert.AreEqual(cscfg, DiagnosticAssert.SingleError(load.Diagnostics, "Instances count 0").File);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The project's own service model at the repository root must load cleanly. Written to fail, not skip, while
    /// the files are missing, so they cannot silently go away.
    /// </summary>
    [TestMethod]
    [DataRow("ServiceConfiguration.Local.cscfg")]
    [DataRow("ServiceConfiguration.Cloud.cscfg")]
    public void Load_RepositoryServiceModel_HasNoErrors(string configurationName)
    {
        var csdef = Path.Combine(RepositoryPaths.Root, "ServiceDefinition.csdef");
        var cscfg = Path.Combine(RepositoryPaths.Root, configurationName);
        Assert.IsTrue(File.Exists(csdef), "the repository root has no ServiceDefinition.csdef");
        Assert.IsTrue(File.Exists(cscfg), $"the repository root has no {configurationName}");

        var load = ServiceModel.Load(csdef, cscfg);

        DiagnosticAssert.NoErrors(load.Diagnostics);
    }
}
