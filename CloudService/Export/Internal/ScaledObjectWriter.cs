using System.Globalization;
using BackgroundRoles.Export.Internal.Yaml;
using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>
/// A role's KEDA ScaledObject from its autoscale rule: an azure-queue trigger per queue (the same target length per
/// instance, the connection string from the role's own setting variable), a cron trigger per schedule (its floor as
/// desiredReplicas), min and max, and the steps and cool-downs as the autoscaler's scale-up and scale-down policies.
/// </summary>
internal static class ScaledObjectWriter
{
    public static YamlMap? ScaledObject(ExportContext context, RolePlan plan)
    {
        if (plan.Rule is not { } rule)
        {
            return null;
        }

        var triggers = new List<object>();
        var connection = plan.Settings.FirstOrDefault(s => s.Name == rule.ConnectionSetting);
        if (rule.Queues.Count > 0 && connection is not null && connection.Value.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase))
        {
            context.Note($"{plan.Role.Name}/autoscale", $"'{rule.ConnectionSetting}' is development storage in {context.Options.ConfigurationName}, which KEDA cannot reach from the cluster; put a storage account's connection string in the Secret");
        }

        foreach (var queue in rule.Queues)
        {
            triggers.Add(new YamlMap
            {
                ["type"] = "azure-queue",
                ["name"] = KubernetesNames.Label("queue", queue.QueueName),
                ["metadata"] = new YamlMap
                {
                    ["queueName"] = queue.QueueName,
                    ["queueLength"] = Text(queue.MessagesPerInstance),
                    ["connectionFromEnv"] = OrchestratorEnvironment.SettingVariable(rule.ConnectionSetting),
                },
            });
        }

        foreach (var schedule in rule.Schedules)
        {
            triggers.Add(new YamlMap
            {
                ["type"] = "cron",
                ["name"] = KubernetesNames.Label("schedule", schedule.Name),
                ["metadata"] = new YamlMap
                {
                    ["timezone"] = schedule.TimeZone,
                    ["start"] = schedule.Start,
                    ["end"] = schedule.End,
                    ["desiredReplicas"] = Text(schedule.MinInstances),
                },
            });
        }

        return new YamlMap
        {
            ["apiVersion"] = "keda.sh/v1alpha1",
            ["kind"] = "ScaledObject",
            ["metadata"] = ConfigMapWriter.Metadata(context, plan, plan.Name),
            ["spec"] = new YamlMap
            {
                ["scaleTargetRef"] = new YamlMap { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = plan.Name },
                ["minReplicaCount"] = rule.MinInstances,
                ["maxReplicaCount"] = rule.MaxInstances,
                ["pollingInterval"] = Seconds(ExportDefaults.PollingInterval),
                ["cooldownPeriod"] = Seconds(rule.ScaleInCooldown),
                ["advanced"] = new YamlMap
                {
                    ["horizontalPodAutoscalerConfig"] = new YamlMap
                    {
                        ["behavior"] = new YamlMap
                        {
                            ["scaleUp"] = Behavior(TimeSpan.Zero, rule.ScaleOutStep, rule.ScaleOutCooldown),
                            ["scaleDown"] = Behavior(rule.ScaleInCooldown, rule.ScaleInStep, rule.ScaleInCooldown),
                        },
                    },
                },
                ["triggers"] = triggers,
            },
        };
    }

    /// <summary>At most <paramref name="step"/> pods per <paramref name="period"/>, after the count held for <paramref name="window"/>.</summary>
    private static YamlMap Behavior(TimeSpan window, int step, TimeSpan period) => new()
    {
        ["stabilizationWindowSeconds"] = Seconds(window),
        ["policies"] = new List<object> { new YamlMap { ["type"] = "Pods", ["value"] = step, ["periodSeconds"] = Seconds(period) } },
    };

    private static int Seconds(TimeSpan span) => (int)span.TotalSeconds;

    // KEDA's trigger metadata is a map of strings.
    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
