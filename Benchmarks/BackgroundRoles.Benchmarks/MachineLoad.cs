using System.Globalization;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// How busy the whole machine was while a benchmark ran (every process, ours included), so that a run on a busy
/// machine shows as one: the load average at the start, and the busy share of all cores from /proc/stat.
/// </summary>
internal sealed class MachineLoad
{
    private const string LoadAveragePath = "/proc/loadavg";
    private const string StatPath = "/proc/stat";
    private readonly string _loadAverage;
    private readonly (long Busy, long Total)? _start;

    private MachineLoad()
    {
        _loadAverage = File.Exists(LoadAveragePath) ? string.Join(' ', File.ReadAllText(LoadAveragePath).Split(' ').Take(3)) : "n/a";
        _start = ReadCpu();
    }

    public static MachineLoad Start() => new();

    public string Describe()
    {
        string busy = (_start, ReadCpu()) is ({ } start, { } end) && end.Total > start.Total
            ? ((double)(end.Busy - start.Busy) / (end.Total - start.Total) * 100).ToString("F0", CultureInfo.InvariantCulture) + " %"
            : "n/a";
        return $"Machine while it ran: load average (1, 5, 15 min) at its start {_loadAverage}; all cores busy {busy} of the time " +
            "(every process, this one included; from /proc/stat).";
    }

    /// <summary>Busy and total jiffies over all cores: the first line of /proc/stat, idle and iowait counted as not busy.</summary>
    public static (long Busy, long Total)? ReadCpu()
    {
        if (!File.Exists(StatPath))
        {
            return null;
        }

        long[] fields = File.ReadLines(StatPath).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        long total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}
