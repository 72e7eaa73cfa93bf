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

    public static string Verdict(bool met) => met ? "met" : "not met";
}
