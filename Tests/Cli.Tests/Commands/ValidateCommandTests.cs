using System.Text.Json;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary><c>cloudservice validate</c> through the real CLI process.</summary>
[TestClass]
public sealed class ValidateCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Validate_NoArguments_ChecksTheRootCsdefAgainstEachRootCscfg()
    {
        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "validate");

        Assert.AreEqual(0, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith("ServiceDefinition.csdef + ServiceConfiguration.Cloud.cscfg: valid", StringComparison.Ordinal)), cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith("ServiceDefinition.csdef + ServiceConfiguration.Local.cscfg: valid", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Validate_MalformedFile_ExitsOneWithFileLineAndColumn()
    {
        var file = ServiceModelFixtures.Invalid("literal-less-than.cscfg");

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "validate", "--cscfg", file);

        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith(file + "(6,44): error: ", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Validate_MismatchedPair_ExitsOneWithEveryProblem()
    {
        var (exitCode, cli) = await CliProcess.RunAsync(
            RepositoryPaths.Root,
            Timeout,
            "validate",
            "--csdef",
            "ServiceDefinition.csdef",
            "--cscfg",
            ServiceModelFixtures.Valid("settings-before-instances.cscfg"));

        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsGreaterThan(1, cli.Lines.Count(l => l.Contains(": error: ", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Validate_Json_PrintsValidityAndDiagnostics()
    {
        var file = ServiceModelFixtures.Invalid("no-roles.csdef");

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "validate", "--csdef", file, "--json");
        using var json = JsonDocument.Parse(cli.Output);

        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsFalse(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.IsGreaterThan(0, json.RootElement.GetProperty("diagnostics").GetArrayLength());
    }

    [TestMethod]
    public async Task Validate_MissingFile_ExitsOneSayingSo()
    {
        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "validate", "--csdef", "nope.csdef");

        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith("nope.csdef(0,0): error: ", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task Validate_AutoscaleRulesBesideTheCscfg_CheckedWithFileLineColumnAndField()
    {
        var folder = Path.Combine(Path.GetTempPath(), "br-validate-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, "ServiceDefinition.csdef"), Path.Combine(folder, "ServiceDefinition.csdef"));
            File.Copy(Path.Combine(RepositoryPaths.Root, "ServiceConfiguration.Local.cscfg"), Path.Combine(folder, "ServiceConfiguration.Local.cscfg"));
            File.WriteAllText(Path.Combine(folder, "ServiceConfiguration.Autoscale.json"), "{\n  \"roles\": {\n    \"WorkerRole\": { \"minInstances\": 1, \"maxInstances\": 4, \"connectionSetting\": \"Nope\", \"queues\": [ { \"name\": \"orders\", \"messagesPerInstance\": 20 } ] }\n  }\n}\n");

            var (exitCode, cli) = await CliProcess.RunAsync(folder, Timeout, "validate");

            Assert.AreEqual(1, exitCode, cli.Output);
            Assert.IsTrue(cli.Lines.Any(l => l.StartsWith("ServiceConfiguration.Autoscale.json(3,5): error: roles.WorkerRole.connectionSetting: role 'WorkerRole' declares no setting 'Nope'", StringComparison.Ordinal)), cli.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Validate_UnknownOption_ExitsTwo()
    {
        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "validate", "--nope");

        Assert.AreEqual(2, exitCode, cli.Output);
    }
}
