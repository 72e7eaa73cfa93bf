using System.Globalization;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Scheduling;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.WorkerRole;

/// <summary>The worker role's settings, read and checked in OnStart. Every default is here.</summary>
internal sealed record WorkerRoleSettings(TimeSpan JanitorInterval, TimeSpan JanitorMaxAge, TimeSpan HeartbeatInterval, TimeSpan VisibilityTimeout, bool CleanupScheduled, TimeSpan JobRetention, TimeSpan InboxScanInterval, int InboxMaxAttempts, CallbackAllowList CallbackHosts, string? CallbackSigningKey)
{
    /// <summary>
    /// The setting holding the cron expression of the job cleanup (UTC), read live by the kit: a change reschedules
    /// it. Absent or empty: no cleanup.
    /// </summary>
    public const string CleanupScheduleSetting = "Schedules.Cleanup";

    /// <summary>
    /// The setting holding the cron expression of the due-jobs mover, which sends jobs submitted due more than 7 days
    /// ahead to their queues (6 days ahead, hidden until due), read live. Absent or empty: this role does not run it.
    /// </summary>
    public const string DueJobsScheduleSetting = "Schedules.DueJobs";

    /// <summary>The setting of how many days a finished job is kept (a positive number, e.g. 7 or 0.5).</summary>
    public const string JobRetentionSetting = "Jobs.Retention";

    /// <summary>The setting of how often the thumbnails inbox is listed (a duration): new images start within it.</summary>
    public const string InboxScanIntervalSetting = "ThumbnailsInbox.ScanInterval";

    /// <summary>The setting of how many attempts an inbox image gets before it is poisoned (1 to 100).</summary>
    public const string InboxMaxAttemptsSetting = "ThumbnailsInbox.MaxAttempts";

    /// <summary>How often the thumbnails inbox is listed. Default: the jobs library's, 5 seconds.</summary>
    public static readonly TimeSpan DefaultInboxScanInterval = Jobs.JobDefaults.BlobScanInterval;

    /// <summary>Attempts of an inbox image before it is poisoned. Default: the jobs library's, 5.</summary>
    public const int DefaultInboxMaxAttempts = Jobs.JobDefaults.BlobMaxAttempts;

    /// <summary>The most attempts the setting may ask for: 100.</summary>
    public const int MaxInboxAttempts = 100;

    /// <summary>The largest inbox image: 10 MB, what the web role accepts for an upload.</summary>
    public const long InboxMaxImageBytes = 10 * 1024 * 1024;

    /// <summary>How long a finished job is kept before the cleanup deletes it. Default: 7 days.</summary>
    public static readonly TimeSpan DefaultJobRetention = TimeSpan.FromDays(7);

    /// <summary>How long a message taken by a worker stays invisible to others (renewed while its job runs). Default: 30 seconds.</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often the janitor sweeps the Scratch local resource. Default: 1 minute.</summary>
    public static readonly TimeSpan DefaultJanitorInterval = TimeSpan.FromMinutes(1);

    /// <summary>Files in Scratch older than this are deleted. Default: 1 day.</summary>
    public static readonly TimeSpan DefaultJanitorMaxAge = TimeSpan.FromDays(1);

    /// <summary>How often the health snapshot is written. Default: 10 seconds.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Thumbnail jobs in flight per core. A job spends most of its time waiting on storage (download, upload, status
    /// records, delete), so one handler per core leaves the cores idle; the CPU-bound steps are bounded separately, by
    /// <see cref="ThumbnailRendersAtOnce"/>. Default: 4 per core.
    /// </summary>
    public const int ThumbnailHandlersPerCore = 4;

    /// <summary>Thumbnail jobs in flight at once: <see cref="ThumbnailHandlersPerCore"/> per core.</summary>
    public static int ThumbnailConcurrency => ThumbnailHandlersPerCore * Environment.ProcessorCount;

    /// <summary>
    /// Images decoded, resized and encoded at once: one per core, so the CPU-bound steps never oversubscribe the
    /// cores, and at most this many decoded bitmaps (each under ContractLimits.MaxDecodedImagePixels) are in memory.
    /// </summary>
    public static int ThumbnailRendersAtOnce => Environment.ProcessorCount;

    /// <summary>Reads the settings; every problem is returned, none thrown.</summary>
    public static (WorkerRoleSettings Settings, IReadOnlyList<string> Errors) Read(RoleInstanceEnvironment environment)
    {
        var errors = new List<string>();
        var settings = new WorkerRoleSettings(
            ReadDuration(environment, "Janitor.Interval", DefaultJanitorInterval, errors),
            ReadDuration(environment, "Janitor.MaxAge", DefaultJanitorMaxAge, errors),
            ReadDuration(environment, "Heartbeat.Interval", DefaultHeartbeatInterval, errors),
            ReadDuration(environment, "Queues.VisibilityTimeout", DefaultVisibilityTimeout, errors),
            ReadCleanupSchedule(environment, errors),
            ReadDays(environment, JobRetentionSetting, DefaultJobRetention, errors),
            ReadDuration(environment, InboxScanIntervalSetting, DefaultInboxScanInterval, errors),
            ReadCount(environment, InboxMaxAttemptsSetting, DefaultInboxMaxAttempts, MaxInboxAttempts, errors),
            ReadCallbackHosts(environment, errors),
            environment.TryGetConfigurationSettingValue(JobDefaults.CallbackSigningKeySetting, out var key) && !string.IsNullOrWhiteSpace(key) ? key : null);
        if (!settings.CallbackHosts.IsEmpty && settings.CallbackSigningKey is null)
        {
            errors.Add($"setting '{JobDefaults.CallbackSigningKeySetting}' is empty while '{JobDefaults.CallbackAllowedHostsSetting}' names hosts: callbacks must be signed");
        }

        return (settings, errors);
    }

    /// <summary>
    /// The allowed callback hosts as the setting says now; a value that does not parse allows none (read live before
    /// each callback, so a bad edit turns callbacks off rather than failing them; at start it is an error).
    /// </summary>
    public static CallbackAllowList CurrentCallbackHosts(IRoleSettings settings)
    {
        try
        {
            return CallbackAllowList.Parse(settings.TryGetValue(JobDefaults.CallbackAllowedHostsSetting, out var text) ? text : null, JobDefaults.CallbackAllowedHostsSetting);
        }
        catch (ArgumentException)
        {
            return CallbackAllowList.None;
        }
    }

    private static CallbackAllowList ReadCallbackHosts(RoleInstanceEnvironment environment, List<string> errors)
    {
        try
        {
            return CallbackAllowList.Parse(environment.TryGetConfigurationSettingValue(JobDefaults.CallbackAllowedHostsSetting, out var text) ? text : null, JobDefaults.CallbackAllowedHostsSetting);
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message.Split(" (Parameter", 2)[0]);
            return CallbackAllowList.None;
        }
    }

    /// <summary>Whether the cleanup is scheduled; an expression that is there must be a valid one.</summary>
    private static bool ReadCleanupSchedule(RoleInstanceEnvironment environment, List<string> errors)
    {
        if (!environment.TryGetConfigurationSettingValue(CleanupScheduleSetting, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (!CronSchedule.TryParse(text, TimeZoneInfo.Utc, out _, out var error))
        {
            errors.Add($"setting '{CleanupScheduleSetting}': {error}");
        }

        return true;
    }

    private static int ReadCount(RoleInstanceEnvironment environment, string name, int fallback, int max, List<string> errors)
    {
        if (!environment.TryGetConfigurationSettingValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 && count <= max)
        {
            return count;
        }

        errors.Add($"setting '{name}' is '{text}': expected a whole number from 1 to {max}");
        return fallback;
    }

    private static TimeSpan ReadDays(RoleInstanceEnvironment environment, string name, TimeSpan fallback, List<string> errors)
    {
        if (!environment.TryGetConfigurationSettingValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var days) && days > 0 && days <= TimeSpan.MaxValue.TotalDays / 2)
        {
            return TimeSpan.FromDays(days);
        }

        errors.Add($"setting '{name}' is '{text}': expected a positive number of days such as 7");
        return fallback;
    }

    private static TimeSpan ReadDuration(RoleInstanceEnvironment environment, string name, TimeSpan fallback, List<string> errors)
    {
        if (!environment.TryGetConfigurationSettingValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (RoleInstanceEnvironment.TryParseDuration(text.Trim(), out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        errors.Add($"setting '{name}' is '{text}': expected a positive duration such as 00:01:00 or seconds");
        return fallback;
    }
}
