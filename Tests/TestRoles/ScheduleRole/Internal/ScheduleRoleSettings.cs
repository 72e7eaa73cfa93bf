using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Tests.ScheduleRole.Internal;

/// <summary>The role's settings, checked: every problem is returned with the setting's name and value.</summary>
/// <param name="Name">Job.Name: names the scheduled job, the singleton and their records, so tests sharing a storage account do not meet.</param>
/// <param name="Expression">Schedule.Expression: the cron expression; empty for no scheduled job.</param>
/// <param name="RunTime">Schedule.RunTime: how long each run takes (it waits, cancellably).</param>
/// <param name="MissedTicks">Schedule.MissedTicks: Skip or RunOnceOnStart.</param>
/// <param name="Singleton">Singleton.Enabled: whether the singleton task runs.</param>
/// <param name="Heartbeat">Singleton.Heartbeat: how often the holder writes its holding.</param>
/// <param name="LeaseTime">LeaseTime: of the scheduled job's and the singleton's leases (15 to 60 s).</param>
internal sealed record ScheduleRoleSettings(
    string Name, string Expression, TimeSpan RunTime, MissedTickPolicy MissedTicks, bool Singleton, TimeSpan Heartbeat, TimeSpan LeaseTime)
{
    public static (ScheduleRoleSettings Settings, IReadOnlyList<string> Errors) Read(RoleInstanceEnvironment environment)
    {
        var errors = new List<string>();
        var name = Text(environment, "Job.Name");
        if (name.Length == 0 || name.Length > ScheduleRoleDefaults.MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add($"setting 'Job.Name' is '{name}': expected 1 to {ScheduleRoleDefaults.MaxNameLength} letters, digits, '-' or '_'");
        }

        var missed = Text(environment, "Schedule.MissedTicks");
        if (!Enum.TryParse<MissedTickPolicy>(missed.Length == 0 ? nameof(MissedTickPolicy.Skip) : missed, ignoreCase: false, out var policy) || !Enum.IsDefined(policy))
        {
            errors.Add($"setting 'Schedule.MissedTicks' is '{missed}': expected Skip or RunOnceOnStart");
        }

        var singleton = Text(environment, "Singleton.Enabled");
        if (singleton is not ("" or "true" or "false"))
        {
            errors.Add($"setting 'Singleton.Enabled' is '{singleton}': expected true or false");
        }

        var settings = new ScheduleRoleSettings(
            name,
            Text(environment, "Schedule.Expression"),
            Duration(environment, "Schedule.RunTime", TimeSpan.Zero, errors),
            policy,
            singleton == "true",
            Duration(environment, "Singleton.Heartbeat", ScheduleRoleDefaults.Heartbeat, errors),
            Duration(environment, "LeaseTime", ScheduleRoleDefaults.LeaseTime, errors));
        if (settings.Heartbeat <= TimeSpan.Zero)
        {
            errors.Add("setting 'Singleton.Heartbeat' must be positive");
        }

        return (settings, errors);
    }

    private static string Text(RoleInstanceEnvironment environment, string name) =>
        environment.TryGetConfigurationSettingValue(name, out var text) ? text.Trim() : string.Empty;

    private static TimeSpan Duration(RoleInstanceEnvironment environment, string name, TimeSpan fallback, List<string> errors)
    {
        var text = Text(environment, name);
        if (text.Length == 0)
        {
            return fallback;
        }

        if (RoleInstanceEnvironment.TryParseDuration(text, out var value) && value >= TimeSpan.Zero)
        {
            return value;
        }

        errors.Add($"setting '{name}' is '{text}': expected a duration such as 00:00:30 or seconds");
        return fallback;
    }
}
