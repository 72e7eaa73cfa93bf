using System.Diagnostics;
using BackgroundRoles.Compat.Tests.Support;
using Microsoft.WindowsAzure.ServiceRuntime;

namespace BackgroundRoles.Compat.Tests.Configuration;

/// <summary>
/// Both SDK CloudConfigurationManagers: the role's setting first, then the application's; the test host's own
/// folder has no settings files, so "the application's" is the environment here (the files are the runtime's tests').
/// </summary>
[TestClass]
public sealed class CloudConfigurationManagerTests
{
    private const string OnlyInEnvironment = "CompatTests.OnlyInEnvironment";

    [TestCleanup]
    public void Cleanup()
    {
        Environments.Uninstall();
        Environment.SetEnvironmentVariable(OnlyInEnvironment, null);
        Environment.SetEnvironmentVariable("Greeting", null);
    }

    [TestMethod]
    public void GetSetting_BothNamespaces_RoleSettingFirstThenTheApplications()
    {
        Environments.Install();
        Environment.SetEnvironmentVariable("Greeting", "from the environment");
        Environment.SetEnvironmentVariable(OnlyInEnvironment, "env");

        Assert.AreEqual("hello", Microsoft.WindowsAzure.CloudConfigurationManager.GetSetting("Greeting"));
        Assert.AreEqual("hello", Microsoft.Azure.CloudConfigurationManager.GetSetting("Greeting"));
        Assert.AreEqual("env", Microsoft.WindowsAzure.CloudConfigurationManager.GetSetting(OnlyInEnvironment));
        Assert.AreEqual("env", Microsoft.Azure.CloudConfigurationManager.GetSetting(OnlyInEnvironment, false));
        Assert.IsNull(Microsoft.Azure.CloudConfigurationManager.GetSetting("Missing"));
    }

    [TestMethod]
    public void GetSetting_NoRoleEnvironment_ReadsTheApplicationsSettings()
    {
        Environment.SetEnvironmentVariable(OnlyInEnvironment, "env");

        Assert.AreEqual("env", Microsoft.WindowsAzure.CloudConfigurationManager.GetSetting(OnlyInEnvironment));
    }

    [TestMethod]
    public void GetSetting_OutputResultsToTrace_SaysWhereItLookedButNotTheValue()
    {
        Environments.Install();
        var lines = new CollectingListener();
        Trace.Listeners.Add(lines);
        try
        {
            Microsoft.Azure.CloudConfigurationManager.GetSetting("Greeting", outputResultsToTrace: true);
            Microsoft.WindowsAzure.CloudConfigurationManager.GetSetting("Missing", outputResultsToTrace: true);
        }
        finally
        {
            Trace.Listeners.Remove(lines);
        }

        CollectionAssert.AreEqual(
            new[]
            {
                "Getting \"Greeting\" from the role's configuration: PASS.",
                "Getting \"Missing\" from the role's configuration: FAIL.",
                "Getting \"Missing\" from the environment and the application's settings files: FAIL.",
            },
            lines.Lines);
        Assert.IsFalse(lines.Lines.Any(l => l.Contains("hello", StringComparison.Ordinal)), "values are never traced");
    }

    [TestMethod]
    public void GetSetting_ThrowIfNotFoundInRuntime_ThrowsForAnUndeclaredSetting()
    {
        Environments.Install();
        Environment.SetEnvironmentVariable(OnlyInEnvironment, "env");

        var error = Assert.ThrowsExactly<RoleEnvironmentException>(() => Microsoft.Azure.CloudConfigurationManager.GetSetting(OnlyInEnvironment, false, true));

        StringAssert.Contains(error.Message, OnlyInEnvironment);
        Assert.AreEqual("env", Microsoft.Azure.CloudConfigurationManager.GetSetting(OnlyInEnvironment, false, false));
    }

    private sealed class CollectingListener : TraceListener
    {
        public List<string> Lines { get; } = [];

        public override void Write(string? message)
        {
        }

        public override void WriteLine(string? message) => Lines.Add(message ?? string.Empty);
    }
}
