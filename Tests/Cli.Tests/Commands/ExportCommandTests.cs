using BackgroundRoles.Cli.Tests.Export;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Commands;

/// <summary>
/// <c>cloudservice export kubernetes</c> through the real CLI process; its manifests are checked against the
/// Kubernetes and KEDA schemas by kubernetes-models (a node script), then against the service they came from.
/// </summary>
[TestClass]
public sealed class ExportCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly List<string> _folders = [];

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Export_RepositoryService_ValidManifestsWithEveryRoleSettingEndpointAndRule()
    {
        var output = NewFolder();

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "export", "kubernetes", "--out", output, "--image-prefix", "registry.example/shop/");
        var manifests = await ManifestValidation.RunAsync(output);

        Assert.AreEqual(0, exitCode, cli.Output);
        Assert.AreEqual(0, manifests.ExitCode, string.Join(Environment.NewLine, manifests.Errors));
        ExportRoundTrip.Check(manifests, output, cli.Lines, Path.Combine(RepositoryPaths.Root, "ServiceDefinition.csdef"), Path.Combine(RepositoryPaths.Root, "ServiceConfiguration.Cloud.cscfg"));
        Assert.AreEqual("registry.example/shop/backgroundroles-workerrole:latest", manifests.Single("Deployment", "backgroundroles-workerrole")
            .GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString());
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "docker", "WebRole.Dockerfile")), "FROM mcr.microsoft.com/dotnet/aspnet:10.0");
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "docker", "WorkerRole.Dockerfile")), "FROM mcr.microsoft.com/dotnet/runtime:10.0");
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "docker", "WorkerRole.Dockerfile")), "ARG ROLE_PROJECT=WorkerRole/WorkerRole.csproj");
    }

    [TestMethod]
    [DataRow("shop")]
    [DataRow("media-pipeline")]
    [DataRow("legacy-portal")]
    public async Task Export_CorpusStyleService_ValidManifestsWithEveryRoleSettingEndpointAndRule(string service)
    {
        var (csdef, cscfg) = Fixture(service);
        var output = NewFolder();

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "export", "kubernetes", "--csdef", csdef, "--cscfg", cscfg, "--out", output);
        var manifests = await ManifestValidation.RunAsync(output);

        Assert.AreEqual(0, exitCode, cli.Output);
        Assert.AreEqual(0, manifests.ExitCode, string.Join(Environment.NewLine, manifests.Errors));
        ExportRoundTrip.Check(manifests, output, cli.Lines, csdef, cscfg);
    }

    [TestMethod]
    public async Task Export_WhatHasNoCounterpart_IsNotedOnTheConsoleAndInNotes()
    {
        var (csdef, cscfg) = Fixture("media-pipeline");
        var output = NewFolder();

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "export", "kubernetes", "--csdef", csdef, "--cscfg", cscfg, "--out", output);
        var notes = File.ReadAllText(Path.Combine(output, "NOTES.md"));

        Assert.AreEqual(0, exitCode, cli.Output);
        foreach (var subject in new[] { "UploadApi/InstanceInputEndpoint Debug", "Transcoder/Startup task 1 (tools/fetch-codecs.sh)", "Thumbnailer/ProgramEntryPoint", "Transcoder/autoscale" })
        {
            Assert.IsTrue(cli.Lines.Any(l => l.StartsWith($"note: {subject}: ", StringComparison.Ordinal)), subject + Environment.NewLine + cli.Output);
            StringAssert.Contains(notes, subject);
        }
    }

    [TestMethod]
    public async Task Export_SimpleStartupTask_BecomesAnInitContainerWithItsVariables()
    {
        var (csdef, cscfg) = Fixture("shop");
        var output = NewFolder();

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "export", "kubernetes", "--csdef", csdef, "--cscfg", cscfg, "--out", output);
        var manifests = await ManifestValidation.RunAsync(output);
        var pod = manifests.Single("Deployment", "shop-storefront").GetProperty("spec").GetProperty("template").GetProperty("spec");
        var init = pod.GetProperty("initContainers").EnumerateArray().ToList();

        Assert.AreEqual(0, exitCode, cli.Output);
        Assert.HasCount(1, init, "the elevated task is noted, not run");
        Assert.AreEqual("startup/warmup.sh", init[0].GetProperty("command")[2].GetString());
        var env = init[0].GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.AreEqual("metadata.name", env["INSTANCE"].GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString());
        Assert.AreEqual("cloud", env["MODE"].GetProperty("value").GetString());
        Assert.AreEqual(2, manifests.Single("Deployment", "shop-orderprocessor").GetProperty("spec").GetProperty("strategy").GetProperty("rollingUpdate").GetProperty("maxUnavailable").GetInt32(), "4 instances over 3 update domains: 2 at a time");
        Assert.AreEqual(105, manifests.Single("Deployment", "shop-orderprocessor").GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("terminationGracePeriodSeconds").GetInt32(), "a 90 s stop budget plus the margin");
    }

    [TestMethod]
    public async Task Export_InvalidAutoscaleRules_ExitsOneWithFileLineColumnAndField()
    {
        var (csdef, cscfg) = Fixture("shop");
        var folder = NewFolder();
        var rules = Path.Combine(folder, "rules.json");
        File.WriteAllText(rules, "{\n  \"roles\": {\n    \"OrderProcessor\": { \"minInstances\": 1, \"maxInstances\": 3, \"queues\": [ { \"name\": \"orders\", \"messagesPerInstance\": \"many\" } ] }\n  }\n}\n");

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "export", "kubernetes", "--csdef", csdef, "--cscfg", cscfg, "--autoscale", rules, "--out", Path.Combine(folder, "out"));

        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith(rules + "(3,118): error: roles.OrderProcessor.queues[0].messagesPerInstance must be a whole number", StringComparison.Ordinal)), cli.Output);
        Assert.IsFalse(Directory.Exists(Path.Combine(folder, "out")), "nothing is written for invalid input");
    }

    [TestMethod]
    public async Task Export_UnknownRoleInRules_ExitsOneNamingTheRole()
    {
        var (csdef, cscfg) = Fixture("shop");
        var folder = NewFolder();
        var rules = Path.Combine(folder, "rules.json");
        File.WriteAllText(rules, "{ \"roles\": { \"Nope\": { \"minInstances\": 1, \"maxInstances\": 2, \"queues\": [ { \"name\": \"orders\", \"messagesPerInstance\": 5 } ] } } }");

        var (exitCode, cli) = await CliProcess.RunAsync(RepositoryPaths.Root, Timeout, "export", "kubernetes", "--csdef", csdef, "--cscfg", cscfg, "--autoscale", rules, "--out", Path.Combine(folder, "out"));

        Assert.AreEqual(1, exitCode, cli.Output);
        Assert.IsTrue(cli.Lines.Any(l => l.StartsWith(rules + "(1,14): error: roles.Nope: the service definition has no role 'Nope'", StringComparison.Ordinal)), cli.Output);
    }

    [TestMethod]
    public async Task ValidateManifests_SchemaViolation_FailsNamingTheObjectAndField()
    {
        var folder = NewFolder();
        File.WriteAllText(Path.Combine(folder, "broken.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  replicas: \"two\"\n  selector: {}\n  template: {}\n");

        var manifests = await ManifestValidation.RunAsync(folder);

        Assert.AreEqual(1, manifests.ExitCode, manifests.Output);
        Assert.IsTrue(manifests.Errors.Any(e => e.Contains("Deployment/broken", StringComparison.Ordinal) && e.Contains("replicas", StringComparison.Ordinal)), manifests.Output);
    }

    private static (string Csdef, string Cscfg) Fixture(string service)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "Tests", "Fixtures", "Export", service);
        return (Path.Combine(folder, "ServiceDefinition.csdef"), Path.Combine(folder, "ServiceConfiguration.Cloud.cscfg"));
    }

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "br-export-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        TestContext.WriteLine($"output: {folder}");
        return folder;
    }
}
