using BackgroundRoles.Configuration;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Runtime.Tests.Configuration;

[TestClass]
[DoNotParallelize]
public sealed class CloudConfigurationManagerTests
{
    private static readonly Dictionary<string, string> AppSettings = new() { ["Name"] = "from-file", ["OnlyInFile"] = "file" };

    [TestCleanup]
    public void Cleanup()
    {
        RoleEnvironment.Install(null);
        Environment.SetEnvironmentVariable("OnlyInFile", null);
        Environment.SetEnvironmentVariable("Some_Setting", null);
    }

    [TestMethod]
    public void GetSetting_RoleEnvironmentHasIt_RoleValueWins()
    {
        RoleEnvironment.Install(new RoleInstanceEnvironment(TestDescriptors.Create()));

        Assert.AreEqual("value", CloudConfigurationManager.GetSetting("Name", AppSettings));
    }

    [TestMethod]
    public void GetSetting_NotInRole_EnvironmentVariableThenFile()
    {
        RoleEnvironment.Install(new RoleInstanceEnvironment(TestDescriptors.Create()));
        Assert.AreEqual("file", CloudConfigurationManager.GetSetting("OnlyInFile", AppSettings));

        Environment.SetEnvironmentVariable("OnlyInFile", "env");

        Assert.AreEqual("env", CloudConfigurationManager.GetSetting("OnlyInFile", AppSettings));
    }

    [TestMethod]
    public void GetSetting_DottedName_FoundAsUnderscoredEnvironmentVariable()
    {
        Environment.SetEnvironmentVariable("Some_Setting", "env");

        Assert.AreEqual("env", CloudConfigurationManager.GetSetting("Some.Setting", AppSettings));
    }

    [TestMethod]
    public void GetSetting_Nowhere_ReturnsNull()
    {
        Assert.IsNull(CloudConfigurationManager.GetSetting("Missing", AppSettings));
    }

    [TestMethod]
    public void ReadAppSettings_AppSettingsSectionOrFlatOrBroken_ReadsWhatItCan()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var nested = Path.Combine(directory.FullName, "nested.json");
            File.WriteAllText(nested, """{ "AppSettings": { "A": "1", "B": 2, "C": true, "D": { "x": 1 } } }""");
            var flat = Path.Combine(directory.FullName, "flat.json");
            File.WriteAllText(flat, """{ "A": "flat" }""");
            var broken = Path.Combine(directory.FullName, "broken.json");
            File.WriteAllText(broken, "{ not json");

            var fromNested = CloudConfigurationManager.ReadAppSettings(nested);
            Assert.AreEqual("1", fromNested["A"]);
            Assert.AreEqual("2", fromNested["B"]);
            Assert.AreEqual("true", fromNested["C"]);
            Assert.IsFalse(fromNested.ContainsKey("D"));
            Assert.AreEqual("flat", CloudConfigurationManager.ReadAppSettings(flat)["A"]);
            Assert.IsEmpty(CloudConfigurationManager.ReadAppSettings(broken));
            Assert.IsEmpty(CloudConfigurationManager.ReadAppSettings(Path.Combine(directory.FullName, "missing.json")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void ReadXmlAppSettings_ClassicAppConfig_ReadsAddRemoveAndClearInOrder()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var config = Path.Combine(directory.FullName, "app.config");
            File.WriteAllText(config, """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <appSettings>
                    <add key="Dropped" value="cleared" />
                    <clear />
                    <add key="A" value="1" />
                    <add key="Removed" value="x" />
                    <remove key="Removed" />
                    <add key="Empty" />
                  </appSettings>
                  <system.diagnostics />
                </configuration>
                """);
            var broken = Path.Combine(directory.FullName, "broken.config");
            File.WriteAllText(broken, "<configuration><appSettings>");

            var settings = CloudConfigurationManager.ReadXmlAppSettings(config);

            CollectionAssert.AreEquivalent(new[] { "A", "Empty" }, settings.Keys.ToArray());
            Assert.AreEqual("1", settings["A"]);
            Assert.AreEqual(string.Empty, settings["Empty"]);
            Assert.IsEmpty(CloudConfigurationManager.ReadXmlAppSettings(broken));
            Assert.IsEmpty(CloudConfigurationManager.ReadXmlAppSettings(Path.Combine(directory.FullName, "missing.config")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void ReadAllAppSettings_JsonAndConfigFiles_JsonFirstThenTheAssemblysConfigThenAppConfig()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "appsettings.json"), """{ "Shared": "json" }""");
            File.WriteAllText(Path.Combine(directory.FullName, "MyRole.dll.config"), """
                <configuration><appSettings><add key="Shared" value="dll.config" /><add key="Role" value="dll.config" /></appSettings></configuration>
                """);
            File.WriteAllText(Path.Combine(directory.FullName, "app.config"), """
                <configuration><appSettings><add key="Role" value="app.config" /><add key="Plain" value="app.config" /></appSettings></configuration>
                """);

            var settings = CloudConfigurationManager.ReadAllAppSettings(directory.FullName, "MyRole");

            Assert.AreEqual("json", settings["Shared"]);
            Assert.AreEqual("dll.config", settings["Role"]);
            Assert.AreEqual("app.config", settings["Plain"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
