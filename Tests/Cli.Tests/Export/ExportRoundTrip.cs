using System.Text.Json;
using System.Text.RegularExpressions;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Tests.Export;

/// <summary>
/// Checks an export against the service it came from, read with the service model's own readers: every role is a
/// Deployment with its replicas, every setting reaches the container (from the ConfigMap with its value, or from the
/// Secret by reference), every input and internal endpoint is a Service port, every autoscale rule is a ScaledObject
/// with its queues and schedules; what is not there must be in the notes. And no secret value is in any output file.
/// </summary>
internal static partial class ExportRoundTrip
{
    public static void Check(ManifestValidation manifests, string outputFolder, IReadOnlyList<string> cliLines, string csdef, string cscfg)
    {
        var model = ServiceModel.ServiceModel.Load(csdef, cscfg).Model!;
        var rulesPath = AutoscaleRules.PathBeside(cscfg);
        var rules = File.Exists(rulesPath) ? AutoscaleRulesReader.Read(rulesPath).Value : null;
        var notes = cliLines.Where(l => l.StartsWith("note: ", StringComparison.Ordinal)).ToList();
        var service = Label(model.Definition.Name);
        foreach (var role in model.Definition.Roles.Where(r => r.Kind != RoleKind.Module))
        {
            var name = Label(service + "-" + role.Name);
            var configuration = model.Configuration.FindRole(role.Name)!;
            var rule = rules?.FindRole(role.Name);
            var deployment = manifests.Single("Deployment", name);
            var expectedReplicas = rule is null ? configuration.InstanceCount!.Value : Math.Clamp(configuration.InstanceCount!.Value, rule.MinInstances, rule.MaxInstances);
            Assert.AreEqual(expectedReplicas, deployment.GetProperty("spec").GetProperty("replicas").GetInt32(), name);
            Assert.AreEqual(1, manifests.OfKind("PodDisruptionBudget").Count(p => p.GetProperty("metadata").GetProperty("name").GetString() == name), name);
            CheckSettings(manifests, notes, role, configuration, name, deployment);
            CheckEndpoints(manifests, notes, role, name);
            if (rule is not null)
            {
                CheckRule(manifests.Single("ScaledObject", name), rule);
            }
        }

        CheckNoSecrets(model, outputFolder);
        var notesFile = File.ReadAllText(Path.Combine(outputFolder, "NOTES.md"));
        foreach (var note in notes)
        {
            var subject = note["note: ".Length..note.IndexOf(": ", "note: ".Length, StringComparison.Ordinal)];
            Assert.Contains(subject, notesFile, "every console note is in NOTES.md");
        }
    }

    private static void CheckSettings(ManifestValidation manifests, List<string> notes, RoleDefinition role, RoleConfiguration configuration, string name, JsonElement deployment)
    {
        var env = deployment.GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers")[0].GetProperty("env").EnumerateArray().ToList();
        var data = manifests.Single("ConfigMap", name + "-settings").GetProperty("data");
        foreach (var setting in role.ConfigurationSettings)
        {
            var variable = "BACKGROUNDROLES_SETTING_" + NotPortable().Replace(setting.Name, "_");
            var entry = env.Where(e => e.GetProperty("name").GetString() == variable).ToList();
            var value = configuration.FindSetting(setting.Name)!.Value;
            if (entry.Count == 0 || !ReferencesKey(entry[0], setting.Name))
            {
                Assert.IsTrue(notes.Any(n => n.Contains($"/Setting {setting.Name}:", StringComparison.Ordinal)), $"{role.Name}/{setting.Name}: neither in the pod's environment nor noted");
                continue;
            }

            var from = entry[0].GetProperty("valueFrom");
            if (SecretMask.IsSecretSetting(setting.Name, value))
            {
                Assert.AreEqual(name + "-secrets", from.GetProperty("secretKeyRef").GetProperty("name").GetString(), setting.Name);
                Assert.IsFalse(data.TryGetProperty(setting.Name, out _), $"{setting.Name} is secret and must not be in the ConfigMap");
            }
            else
            {
                Assert.AreEqual(name + "-settings", from.GetProperty("configMapKeyRef").GetProperty("name").GetString(), setting.Name);
                Assert.AreEqual(value, data.GetProperty(setting.Name).GetString(), setting.Name);
            }
        }
    }

    private static bool ReferencesKey(JsonElement entry, string key) =>
        entry.TryGetProperty("valueFrom", out var from)
        && (from.TryGetProperty("secretKeyRef", out var reference) || from.TryGetProperty("configMapKeyRef", out reference))
        && reference.GetProperty("key").GetString() == key;

    private static void CheckEndpoints(ManifestValidation manifests, List<string> notes, RoleDefinition role, string name)
    {
        var services = manifests.OfKind("Service").Where(s => s.GetProperty("spec").GetProperty("selector").GetProperty("app.kubernetes.io/name").GetString() == name).ToList();
        foreach (var endpoint in role.InputEndpoints)
        {
            var exposing = services.Where(s => Ports(s).Contains(endpoint.Port!.Value) && s.GetProperty("spec").GetProperty("type").GetString() == (endpoint.LoadBalancer is null ? "LoadBalancer" : "ClusterIP")).ToList();
            Assert.HasCount(1, exposing, $"{role.Name}/{endpoint.Name}");
        }

        if (role.InternalEndpoints.Count > 0)
        {
            var headless = services.Single(s => s.GetProperty("spec").TryGetProperty("clusterIP", out var ip) && ip.GetString() == "None");
            foreach (var endpoint in role.InternalEndpoints)
            {
                if (endpoint.Protocol == EndpointProtocol.Any)
                {
                    Assert.IsTrue(notes.Any(n => n.Contains($"InternalEndpoint {endpoint.Name}:", StringComparison.Ordinal)), endpoint.Name);
                    continue;
                }

                var port = endpoint.FixedPort ?? endpoint.Port ?? endpoint.FixedPortRange?.Min;
                Assert.IsTrue(port is null ? Ports(headless).Any() : Ports(headless).Contains(port.Value), $"{role.Name}/{endpoint.Name}");
            }
        }

        foreach (var endpoint in role.InstanceInputEndpoints)
        {
            Assert.IsTrue(notes.Any(n => n.Contains($"InstanceInputEndpoint {endpoint.Name}:", StringComparison.Ordinal)), endpoint.Name);
        }
    }

    private static IEnumerable<int> Ports(JsonElement service) =>
        service.GetProperty("spec").TryGetProperty("ports", out var ports) ? ports.EnumerateArray().Select(p => p.GetProperty("port").GetInt32()) : [];

    private static void CheckRule(JsonElement scaled, RoleAutoscaleRule rule)
    {
        var spec = scaled.GetProperty("spec");
        Assert.AreEqual(rule.MinInstances, spec.GetProperty("minReplicaCount").GetInt32());
        Assert.AreEqual(rule.MaxInstances, spec.GetProperty("maxReplicaCount").GetInt32());
        var behavior = spec.GetProperty("advanced").GetProperty("horizontalPodAutoscalerConfig").GetProperty("behavior");
        var up = behavior.GetProperty("scaleUp").GetProperty("policies")[0];
        var down = behavior.GetProperty("scaleDown");
        Assert.AreEqual(rule.ScaleOutStep, up.GetProperty("value").GetInt32());
        Assert.AreEqual((int)rule.ScaleOutCooldown.TotalSeconds, up.GetProperty("periodSeconds").GetInt32());
        Assert.AreEqual(rule.ScaleInStep, down.GetProperty("policies")[0].GetProperty("value").GetInt32());
        Assert.AreEqual((int)rule.ScaleInCooldown.TotalSeconds, down.GetProperty("stabilizationWindowSeconds").GetInt32());
        var triggers = spec.GetProperty("triggers").EnumerateArray().ToList();
        Assert.HasCount(rule.Queues.Count + rule.Schedules.Count, triggers);
        foreach (var queue in rule.Queues)
        {
            var trigger = triggers.Single(t => t.GetProperty("type").GetString() == "azure-queue" && t.GetProperty("metadata").GetProperty("queueName").GetString() == queue.QueueName);
            Assert.AreEqual(queue.MessagesPerInstance.ToString(System.Globalization.CultureInfo.InvariantCulture), trigger.GetProperty("metadata").GetProperty("queueLength").GetString());
        }

        foreach (var schedule in rule.Schedules)
        {
            var metadata = triggers.Single(t => t.GetProperty("type").GetString() == "cron" && t.GetProperty("metadata").GetProperty("start").GetString() == schedule.Start).GetProperty("metadata");
            Assert.AreEqual(schedule.End, metadata.GetProperty("end").GetString());
            Assert.AreEqual(schedule.TimeZone, metadata.GetProperty("timezone").GetString());
            Assert.AreEqual(schedule.MinInstances.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata.GetProperty("desiredReplicas").GetString());
        }
    }

    /// <summary>No secret setting's value, and no key, signature or password inside any value, is in any file written.</summary>
    private static void CheckNoSecrets(ServiceModel.ServiceModel model, string outputFolder)
    {
        var written = Directory.GetFiles(outputFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        var secrets = new List<string>();
        foreach (var role in model.Configuration.Roles)
        {
            foreach (var setting in role.Settings)
            {
                if (SecretMask.IsSecretSetting(setting.Name, setting.Value) && setting.Value.Length > 0 && setting.Value != "UseDevelopmentStorage=true")
                {
                    secrets.Add(setting.Value);
                }

                secrets.AddRange(SecretPart().Matches(setting.Value).Select(m => m.Groups[1].Value).Where(v => v.Length > 0));
            }
        }

        foreach (var secret in secrets.Distinct())
        {
            Assert.IsFalse(written.Any(text => text.Contains(secret, StringComparison.Ordinal)), $"a secret value is in the output: {secret[..Math.Min(4, secret.Length)]}...");
        }
    }

    /// <summary>What the export names objects after: lowercase letters, digits and single hyphens.</summary>
    private static string Label(string text) => Hyphens().Replace(NotLabel().Replace(text.ToLowerInvariant(), "-"), "-").Trim('-');

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotPortable();

    [GeneratedRegex("[^a-z0-9]")]
    private static partial Regex NotLabel();

    [GeneratedRegex("-+")]
    private static partial Regex Hyphens();

    [GeneratedRegex("(?:AccountKey|SharedAccessKey|sig|Password|Pwd)=([^;&\"]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretPart();
}
