using System.Globalization;
using System.Text.RegularExpressions;

namespace BackgroundRoles.Porting.Internal;

/// <summary>The errors in MSBuild's console output (<c>file(line,col): error CODE: text [project]</c>), each once.</summary>
internal static partial class BuildOutputParser
{
    public static IReadOnlyList<BuildMessage> Errors(IEnumerable<string> lines)
    {
        var errors = new List<BuildMessage>();
        foreach (var line in lines)
        {
            if (Positioned().Match(line) is { Success: true } positioned)
            {
                errors.Add(new BuildMessage(
                    positioned.Groups["file"].Value.Trim(),
                    int.Parse(positioned.Groups["line"].Value, CultureInfo.InvariantCulture),
                    int.Parse(positioned.Groups["column"].Value, CultureInfo.InvariantCulture),
                    positioned.Groups["code"].Value,
                    positioned.Groups["text"].Value.Trim()));
            }
            else if (Unpositioned().Match(line) is { Success: true } unpositioned)
            {
                errors.Add(new BuildMessage(unpositioned.Groups["file"].Value.Trim(), 0, 0, unpositioned.Groups["code"].Value, unpositioned.Groups["text"].Value.Trim()));
            }
        }

        return [.. errors.Distinct()];
    }

    [GeneratedRegex(@"^\s*(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\)\s*:\s*error\s+(?<code>[A-Za-z]+\d+)\s*:\s*(?<text>.*?)(\s+\[[^\]]+\])?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Positioned();

    [GeneratedRegex(@"^\s*(?<file>[^:]+?)\s*:\s*error\s+(?<code>[A-Za-z]+\d+)\s*:\s*(?<text>.*?)(\s+\[[^\]]+\])?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Unpositioned();
}
