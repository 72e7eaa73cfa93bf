using System.Globalization;
using BackgroundRoles.ServiceModel.Internal.Json;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>
/// Builds <see cref="AutoscaleRules"/> from a located JSON tree, reporting every problem with its place and field:
/// unknown or repeated fields, wrong types, values out of range. A role with problems is left out of the rules.
/// </summary>
internal static partial class AutoscaleParser
{
    private static readonly string[] RootFields = ["roles"];

    private static readonly string[] RoleFields =
        ["minInstances", "maxInstances", "connectionSetting", "queues", "scaleOutStep", "scaleInStep", "scaleOutCooldown", "scaleInCooldown", "schedules"];

    private static readonly string[] QueueFields = ["name", "messagesPerInstance"];

    private static readonly string[] ScheduleFields = ["name", "start", "end", "timeZone", "minInstances"];

    public static ParseResult<AutoscaleRules> Parse(JsonTreeNode? root, string file, DiagnosticBag diagnostics)
    {
        if (root is null)
        {
            return new ParseResult<AutoscaleRules>(null, diagnostics.ToList());
        }

        if (root.Kind != JsonKind.Object)
        {
            diagnostics.Error(root.Location, $"the rule file must hold a JSON object with \"roles\", not {root.KindName}");
            return new ParseResult<AutoscaleRules>(null, diagnostics.ToList());
        }

        var fields = Fields(root, RootFields, "the rule file", diagnostics);
        var roles = new List<RoleAutoscaleRule>();
        if (!fields.TryGetValue("roles", out var rolesNode))
        {
            diagnostics.Error(root.Location, "the rule file has no \"roles\" object (role name: its rule)");
        }
        else if (rolesNode.Value.Kind != JsonKind.Object)
        {
            diagnostics.Error(rolesNode.Value.Location, $"\"roles\" must be an object (role name: its rule), not {rolesNode.Value.KindName}");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var role in rolesNode.Value.Properties)
            {
                if (!seen.Add(role.Name))
                {
                    diagnostics.Error(role.NameLocation, $"role '{role.Name}' has a second rule; a role has one");
                    continue;
                }

                if (ParseRole(role, diagnostics) is { } rule)
                {
                    roles.Add(rule);
                }
            }
        }

        return new ParseResult<AutoscaleRules>(new AutoscaleRules { Roles = roles, Location = root.Location }, diagnostics.ToList());
    }

    private static RoleAutoscaleRule? ParseRole(JsonTreeProperty role, DiagnosticBag diagnostics)
    {
        var where = $"roles.{role.Name}";
        if (role.Value.Kind != JsonKind.Object)
        {
            diagnostics.Error(role.Value.Location, $"{where} must be an object, not {role.Value.KindName}");
            return null;
        }

        var before = diagnostics.Count;
        var fields = Fields(role.Value, RoleFields, where, diagnostics);
        var min = Integer(fields, "minInstances", where, 1, AutoscaleDefaults.MaxInstances, null, role.Value.Location, diagnostics);
        var max = Integer(fields, "maxInstances", where, 1, AutoscaleDefaults.MaxInstances, null, role.Value.Location, diagnostics);
        if (min is { } low && max is { } high && high < low)
        {
            diagnostics.Error(fields["maxInstances"].Value.Location, $"{where}.maxInstances ({high}) is less than minInstances ({low})");
        }

        var connection = Text(fields, "connectionSetting", where, AutoscaleDefaults.ConnectionSetting, diagnostics);
        var queues = ParseQueues(fields, where, diagnostics);
        var schedules = ParseSchedules(fields, where, max, diagnostics);
        if (queues.Count == 0 && schedules.Count == 0 && diagnostics.Count == before)
        {
            diagnostics.Error(role.Value.Location, $"{where} has neither \"queues\" nor \"schedules\": nothing would scale it");
        }

        var rule = new RoleAutoscaleRule
        {
            RoleName = role.Name,
            MinInstances = min ?? 1,
            MaxInstances = max ?? 1,
            ConnectionSetting = connection,
            Queues = queues,
            Schedules = schedules,
            ScaleOutStep = Integer(fields, "scaleOutStep", where, 1, AutoscaleDefaults.MaxInstances, AutoscaleDefaults.ScaleOutStep, role.Value.Location, diagnostics) ?? 1,
            ScaleInStep = Integer(fields, "scaleInStep", where, 1, AutoscaleDefaults.MaxInstances, AutoscaleDefaults.ScaleInStep, role.Value.Location, diagnostics) ?? 1,
            ScaleOutCooldown = Cooldown(fields, "scaleOutCooldown", where, AutoscaleDefaults.ScaleOutCooldown, diagnostics),
            ScaleInCooldown = Cooldown(fields, "scaleInCooldown", where, AutoscaleDefaults.ScaleInCooldown, diagnostics),
            Location = role.NameLocation,
        };
        return diagnostics.Count == before ? rule : null;
    }

    private static List<QueueScaleTrigger> ParseQueues(Dictionary<string, JsonTreeProperty> fields, string where, DiagnosticBag diagnostics)
    {
        var queues = new List<QueueScaleTrigger>();
        if (!TryArray(fields, "queues", where, diagnostics, out var items))
        {
            return queues;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"{where}.queues[{i}]";
            if (item.Kind != JsonKind.Object)
            {
                diagnostics.Error(item.Location, $"{at} must be an object with \"name\" and \"messagesPerInstance\", not {item.KindName}");
                continue;
            }

            var queue = Fields(item, QueueFields, at, diagnostics);
            var name = RequiredText(queue, "name", at, item.Location, diagnostics);
            if (name is not null && !IsQueueName(name))
            {
                diagnostics.Error(queue["name"].Value.Location, $"{at}.name '{name}' is not a storage queue name (3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit)");
                name = null;
            }
            else if (name is not null && !names.Add(name))
            {
                diagnostics.Error(queue["name"].Value.Location, $"{at}.name: queue '{name}' is listed twice in {where}");
                name = null;
            }

            var perInstance = Integer(queue, "messagesPerInstance", at, 1, int.MaxValue, null, item.Location, diagnostics);
            if (name is not null && perInstance is { } length)
            {
                queues.Add(new QueueScaleTrigger(name, length, item.Location));
            }
        }

        return queues;
    }

    private static List<AutoscaleSchedule> ParseSchedules(Dictionary<string, JsonTreeProperty> fields, string where, int? max, DiagnosticBag diagnostics)
    {
        var schedules = new List<AutoscaleSchedule>();
        if (!TryArray(fields, "schedules", where, diagnostics, out var items))
        {
            return schedules;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"{where}.schedules[{i}]";
            if (item.Kind != JsonKind.Object)
            {
                diagnostics.Error(item.Location, $"{at} must be an object with \"name\", \"start\", \"end\" and \"minInstances\", not {item.KindName}");
                continue;
            }

            var before = diagnostics.Count;
            var schedule = Fields(item, ScheduleFields, at, diagnostics);
            var name = RequiredText(schedule, "name", at, item.Location, diagnostics);
            if (name is not null && !names.Add(name))
            {
                diagnostics.Error(schedule["name"].Value.Location, $"{at}.name: schedule '{name}' is listed twice in {where}");
            }

            var start = Cron(schedule, "start", at, item.Location, diagnostics);
            var end = Cron(schedule, "end", at, item.Location, diagnostics);
            var zone = Text(schedule, "timeZone", at, AutoscaleDefaults.TimeZone, diagnostics);
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                diagnostics.Error(schedule["timeZone"].Value.Location, $"{at}.timeZone '{zone}' is not a known time zone (an IANA id such as Europe/Paris, or UTC)");
            }

            var floor = Integer(schedule, "minInstances", at, 1, AutoscaleDefaults.MaxInstances, null, item.Location, diagnostics);
            if (floor is { } f && max is { } m && f > m)
            {
                diagnostics.Error(schedule["minInstances"].Value.Location, $"{at}.minInstances ({f}) is more than the rule's maxInstances ({m})");
            }

            if (diagnostics.Count == before)
            {
                schedules.Add(new AutoscaleSchedule(name!, start!, end!, zone, floor!.Value, item.Location));
            }
        }

        return schedules;
    }

    private static string? Cron(Dictionary<string, JsonTreeProperty> fields, string name, string where, SourceLocation owner, DiagnosticBag diagnostics)
    {
        var text = RequiredText(fields, name, where, owner, diagnostics);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5 || !parts.All(p => CronField().IsMatch(p)))
        {
            diagnostics.Error(fields[name].Value.Location, $"{where}.{name} '{text}' is not a 5-field cron expression (minute hour day-of-month month day-of-week, such as \"0 8 * * 1-5\")");
            return null;
        }

        return string.Join(' ', parts);
    }

    private static TimeSpan Cooldown(Dictionary<string, JsonTreeProperty> fields, string name, string where, TimeSpan fallback, DiagnosticBag diagnostics)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            return fallback;
        }

        var node = field.Value;
        var valid = node.Kind switch
        {
            JsonKind.Number => double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 1e9
                ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null,
            JsonKind.String => TimeSpan.TryParse(node.Text, CultureInfo.InvariantCulture, out var span) ? span : null,
            _ => null,
        };
        if (valid is not { } cooldown || cooldown < AutoscaleDefaults.MinCooldown || cooldown > AutoscaleDefaults.MaxCooldown
            || cooldown.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            diagnostics.Error(node.Location, $"{where}.{name} must be a whole number of seconds from {AutoscaleDefaults.MinCooldown} to {AutoscaleDefaults.MaxCooldown}, written as \"hh:mm:ss\" or as seconds; found {Describe(node)}");
            return fallback;
        }

        return cooldown;
    }
}
