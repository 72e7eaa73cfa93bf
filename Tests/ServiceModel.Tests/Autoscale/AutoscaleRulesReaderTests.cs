using BackgroundRoles.ServiceModel.Tests.Support;

namespace BackgroundRoles.ServiceModel.Tests.Autoscale;

/// <summary>AutoscaleRulesReader: the rule file's shape, defaults, and every problem located by line, column and field.</summary>
[TestClass]
public sealed class AutoscaleRulesReaderTests
{
    private const string File = "rules.json";

    private const string Full = """
        // the worker follows its queues
        {
          "roles": {
            "Worker": {
              "minInstances": 2,
              "maxInstances": 8,
              "connectionSetting": "Queues",
              "queues": [
                { "name": "orders", "messagesPerInstance": 20 },
                { "name": "thumb-nails", "messagesPerInstance": 5 },
              ],
              "scaleOutStep": 3,
              "scaleInStep": 2,
              "scaleOutCooldown": 90,
              "scaleInCooldown": "00:10:00",
              "schedules": [
                { "name": "office", "start": "0 8 * * 1-5", "end": "0 18 * * 1-5", "timeZone": "Europe/Paris", "minInstances": 4 }
              ]
            }
          }
        }
        """;

    private static ParseResult<AutoscaleRules> Parse(string json) => AutoscaleRulesReader.Parse(json, File);

    private static string Rule(string fields) => $$"""{ "roles": { "Worker": { {{fields}} } } }""";

    [TestMethod]
    public void Parse_FullRule_ReadsEveryField()
    {
        var result = Parse(Full);

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        var rule = result.Value!.FindRole("worker")!;
        Assert.AreEqual((2, 8, "Queues", 3, 2), (rule.MinInstances, rule.MaxInstances, rule.ConnectionSetting, rule.ScaleOutStep, rule.ScaleInStep));
        Assert.AreEqual((TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(10)), (rule.ScaleOutCooldown, rule.ScaleInCooldown));
        CollectionAssert.AreEqual(new[] { ("orders", 20), ("thumb-nails", 5) }, rule.Queues.Select(q => (q.QueueName, q.MessagesPerInstance)).ToArray());
        Assert.AreEqual(new AutoscaleSchedule("office", "0 8 * * 1-5", "0 18 * * 1-5", "Europe/Paris", 4, new SourceLocation(File, 17, 9)), rule.Schedules.Single());
        Assert.AreEqual(new SourceLocation(File, 4, 5), rule.Location);
    }

    [TestMethod]
    public void Parse_OnlyRequiredFields_TakesTheDefaults()
    {
        var result = Parse(Rule("\"minInstances\": 1, \"maxInstances\": 3, \"queues\": [ { \"name\": \"orders\", \"messagesPerInstance\": 10 } ]"));

        DiagnosticAssert.NoDiagnostics(result.Diagnostics);
        var rule = result.Value!.Roles.Single();
        Assert.AreEqual(AutoscaleDefaults.ConnectionSetting, rule.ConnectionSetting);
        Assert.AreEqual((AutoscaleDefaults.ScaleOutStep, AutoscaleDefaults.ScaleInStep), (rule.ScaleOutStep, rule.ScaleInStep));
        Assert.AreEqual((AutoscaleDefaults.ScaleOutCooldown, AutoscaleDefaults.ScaleInCooldown), (rule.ScaleOutCooldown, rule.ScaleInCooldown));
        Assert.IsEmpty(rule.Schedules);
    }

    [TestMethod]
    [DataRow("\"minInstances\": 0, \"maxInstances\": 3", "roles.Worker.minInstances must be a whole number from 1 to 1000; found 0", "0")]
    [DataRow("\"minInstances\": 4, \"maxInstances\": 3", "roles.Worker.maxInstances (3) is less than minInstances (4)", "3")]
    [DataRow("\"minInstances\": 1.5, \"maxInstances\": 3", "roles.Worker.minInstances must be a whole number", "1.5")]
    [DataRow("\"minInstances\": 1, \"maxInstances\": \"3\"", "roles.Worker.maxInstances must be a whole number from 1 to 1000; found \"3\"", "\"3\"")]
    [DataRow("\"minInstances\": 1, \"maxInstances\": 3, \"scaleInCooldown\": \"00:45:00\"", "roles.Worker.scaleInCooldown must be a whole number of seconds from 00:00:01 to 00:30:00", "\"00:45:00\"")]
    [DataRow("\"minInstances\": 1, \"maxInstances\": 3, \"scaleOutStep\": 0", "roles.Worker.scaleOutStep must be a whole number from 1 to 1000; found 0", "0,")]
    [DataRow("\"minInstances\": 1, \"maxInstances\": 3, \"replicas\": 2", "roles.Worker has an unknown field \"replicas\"", "\"replicas\"")]
    [DataRow("\"minInstances\": 1, \"maxInstances\": 3, \"minInstances\": 2", "roles.Worker.minInstances is given twice", "\"minInstances\": 2")]
    public void Parse_BadRoleField_ErrorAtTheValueNamingTheField(string fields, string message, string at)
    {
        var json = Rule(fields + ", \"queues\": [ { \"name\": \"orders\", \"messagesPerInstance\": 10 } ]");

        var result = Parse(json);

        var error = DiagnosticAssert.SingleError(result.Diagnostics, message);
        Assert.AreEqual((File, 1, json.IndexOf(at, json.IndexOf("\"Worker\"", StringComparison.Ordinal), StringComparison.Ordinal) + 1), (error.File, error.Line, error.Column), error.ToString());
        Assert.IsEmpty(result.Value!.Roles, "a rule with problems is left out");
    }

    [TestMethod]
    [DataRow("{ \"name\": \"Orders\", \"messagesPerInstance\": 10 }", "queues[0].name 'Orders' is not a storage queue name")]
    [DataRow("{ \"name\": \"a--b\", \"messagesPerInstance\": 10 }", "queues[0].name 'a--b' is not a storage queue name")]
    [DataRow("{ \"name\": \"orders\", \"messagesPerInstance\": 0 }", "queues[0].messagesPerInstance must be a whole number from 1")]
    [DataRow("{ \"name\": \"orders\" }", "queues[0] has no \"messagesPerInstance\"")]
    [DataRow("\"orders\"", "queues[0] must be an object with \"name\" and \"messagesPerInstance\", not a string")]
    [DataRow("{ \"name\": \"orders\", \"messagesPerInstance\": 1 }, { \"name\": \"orders\", \"messagesPerInstance\": 2 }", "queues[1].name: queue 'orders' is listed twice")]
    public void Parse_BadQueue_ErrorNamingTheQueueField(string queues, string message)
    {
        var result = Parse(Rule($"\"minInstances\": 1, \"maxInstances\": 3, \"queues\": [ {queues} ]"));

        var error = DiagnosticAssert.SingleError(result.Diagnostics, "roles.Worker." + message);
        Assert.AreEqual(1, error.Line);
        Assert.IsGreaterThan(40, error.Column);
    }

    [TestMethod]
    [DataRow("\"start\": \"0 8 * *\", \"end\": \"0 18 * * *\", \"minInstances\": 2", "schedules[0].start '0 8 * *' is not a 5-field cron expression")]
    [DataRow("\"start\": \"0 8 * * 1-5\", \"end\": \"0 18 * * mon;fri\", \"minInstances\": 2", "schedules[0].end '0 18 * * mon;fri' is not a 5-field cron expression")]
    [DataRow("\"start\": \"0 8 * * *\", \"end\": \"0 18 * * *\", \"timeZone\": \"Mars/Olympus\", \"minInstances\": 2", "schedules[0].timeZone 'Mars/Olympus' is not a known time zone")]
    [DataRow("\"start\": \"0 8 * * *\", \"end\": \"0 18 * * *\", \"minInstances\": 9", "schedules[0].minInstances (9) is more than the rule's maxInstances (3)")]
    [DataRow("\"start\": \"0 8 * * *\", \"end\": \"0 18 * * *\"", "schedules[0] has no \"minInstances\"")]
    public void Parse_BadSchedule_ErrorNamingTheScheduleField(string fields, string message)
    {
        var result = Parse(Rule($"\"minInstances\": 1, \"maxInstances\": 3, \"schedules\": [ {{ \"name\": \"s\", {fields} }} ]"));

        DiagnosticAssert.SingleError(result.Diagnostics, "roles.Worker." + message);
    }

    [TestMethod]
    public void Parse_NeitherQueuesNorSchedules_ErrorSayingNothingWouldScaleIt()
    {
        var result = Parse(Rule("\"minInstances\": 1, \"maxInstances\": 3"));

        DiagnosticAssert.SingleError(result.Diagnostics, "roles.Worker has neither \"queues\" nor \"schedules\"");
    }

    [TestMethod]
    [DataRow("", "the file is empty", 1, 1)]
    [DataRow("[]", "must hold a JSON object with \"roles\", not an array", 1, 1)]
    [DataRow("{ \"rules\": {} }", "the rule file has an unknown field \"rules\"", 1, 3)]
    [DataRow("{\n  \"roles\": {\n    \"Worker\": { \"minInstances\": 1 \n", "not valid JSON", 4, 1)]
    [DataRow("{ \"roles\": [] }", "\"roles\" must be an object (role name: its rule), not an array", 1, 12)]
    [DataRow("{ \"roles\": {} } {}", "not valid JSON: '{' is invalid after a single JSON value", 1, 17)]
    public void Parse_BadDocument_OneLocatedError(string json, string message, int line, int column)
    {
        var result = Parse(json);

        var error = result.Diagnostics.First(d => d.IsError);
        StringAssert.Contains(error.Message, message);
        Assert.AreEqual((line, column), (error.Line, error.Column), error.ToString());
    }

    [TestMethod]
    public void Parse_RoleGivenTwice_ErrorAtTheSecond()
    {
        var json = "{ \"roles\": { \"Worker\": { \"minInstances\": 1, \"maxInstances\": 2, \"queues\": [ { \"name\": \"abc\", \"messagesPerInstance\": 1 } ] }, \"worker\": {} } }";

        var error = DiagnosticAssert.SingleError(Parse(json).Diagnostics, "role 'worker' has a second rule");

        Assert.AreEqual(json.IndexOf("\"worker\"", StringComparison.Ordinal) + 1, error.Column);
    }

    [TestMethod]
    public void Read_MissingFile_ErrorForTheWholeFile()
    {
        var result = AutoscaleRulesReader.Read("no-such-rules.json");

        Assert.IsNull(result.Value);
        Assert.AreEqual(("no-such-rules.json", 0, 0), (result.Diagnostics.Single().File, result.Diagnostics.Single().Line, result.Diagnostics.Single().Column));
    }

    [TestMethod]
    public void Read_RepositoryRules_AreValidForTheRepositoryService()
    {
        var root = BackgroundRoles.Tests.RepositoryPaths.Root;
        var model = ServiceModel.Load(Path.Combine(root, "ServiceDefinition.csdef"), Path.Combine(root, "ServiceConfiguration.Cloud.cscfg")).Model!;

        var (rules, diagnostics) = AutoscaleValidator.LoadBeside(Path.Combine(root, "ServiceConfiguration.Cloud.cscfg"), model.Definition, model.Configuration);

        DiagnosticAssert.NoDiagnostics(diagnostics);
        CollectionAssert.AreEquivalent(new[] { "orders", "thumbnails" }, rules!.FindRole("WorkerRole")!.Queues.Select(q => q.QueueName).ToArray());
    }
}
