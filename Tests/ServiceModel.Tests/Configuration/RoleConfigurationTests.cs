using BackgroundRoles.ServiceModel.Tests.Support;

namespace BackgroundRoles.ServiceModel.Tests;

[TestClass]
public sealed class RoleConfigurationTests
{
    [TestMethod]
    public void FindSetting_ExactName_ReturnsValueIncludingEmpty()
    {
        var role = Xml.ParseConfiguration("""
            <Role name="w"><Instances count="1" /><ConfigurationSettings>
              <Setting name="B" value="2" /><Setting name="A" value="" />
            </ConfigurationSettings></Role>
            """).Roles.Single();

        Assert.AreEqual("B,A", string.Join(",", role.Settings.Select(s => s.Name)), "file order is kept");
        Assert.AreEqual("", role.FindSetting("A")?.Value);
        Assert.AreEqual("2", role.FindSetting("B")?.Value);
    }

    [TestMethod]
    public void FindSetting_OtherCase_ReturnsNull()
    {
        var role = Xml.ParseConfiguration("<Role name=\"w\"><Instances count=\"1\" /><ConfigurationSettings><Setting name=\"Key\" value=\"v\" /></ConfigurationSettings></Role>").Roles.Single();

        Assert.IsNull(role.FindSetting("key"));
    }

    [TestMethod]
    public void FindRole_OtherCase_FindsRole()
    {
        var configuration = Xml.ParseConfiguration("<Role name=\"Your WebRole\"><Instances count=\"1\" /></Role>");

        Assert.AreEqual("Your WebRole", configuration.FindRole("YOUR WEBROLE")?.Name);
    }
}
