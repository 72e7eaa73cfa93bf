using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BackgroundRoles.Benchmarks;

/// <summary>The parts every report shares: the machine, the command, the load, and the verdict wording.</summary>
internal static class Report
{
    public static string Header(IReadOnlyList<string> args)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine($"- command, from the repository root: `dotnet run -c Release --project Benchmarks/BackgroundRoles.Benchmarks -- {string.Join(' ', args)}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- cores: {Environment.ProcessorCount} (`Environment.ProcessorCount`)");
        text.AppendLine($"- OS: {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}; runtime: {RuntimeInformation.FrameworkDescription}");
        return text.ToString();
    }

    /// <summary>The load average right now, so that a run on a busy machine shows as one.</summary>
    public static string LoadLine
    {
        get
        {
            const string path = "/proc/loadavg";
            string load = File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
            return $"Load average (1, 5, 15 min) before this benchmark: {load}.";
        }
    }

    public static string Verdict(bool met) => met ? "met" : "not met";
}
