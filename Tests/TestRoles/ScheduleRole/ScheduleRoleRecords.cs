using System.Globalization;

namespace BackgroundRoles.Tests.ScheduleRole;

/// <summary>Where the role keeps its records, for whoever reads them (tests, the schedules benchmark).</summary>
public static class ScheduleRoleRecords
{
    /// <summary>The table of the records: documents (a <c>Json</c> property) of the jobs library's <c>DocumentTable</c>.</summary>
    public const string Table = "scheduleroleruns";

    /// <summary>The partition of the runs of <paramref name="job"/>: one row per tick, keyed by <see cref="TickKey"/>.</summary>
    public static string TicksPartition(string job) => job + ".ticks";

    /// <summary>The partition of the runs of a tick that already had a row (there should be none), one row per extra run.</summary>
    public static string DuplicatesPartition(string job) => job + ".duplicates";

    /// <summary>The partition of the holdings of the singleton <paramref name="singleton"/>, one row per holding.</summary>
    public static string HoldsPartition(string singleton) => singleton + ".holds";

    /// <summary>The scheduled job's name for the job name setting <paramref name="name"/>.</summary>
    public static string JobName(string name) => name + "-tick";

    /// <summary>The singleton task's name for the job name setting <paramref name="name"/>.</summary>
    public static string SingletonName(string name) => name + "-singleton";

    /// <summary>The row key of a tick: its UTC time, sortable.</summary>
    public static string TickKey(DateTimeOffset tick) => tick.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture);
}
