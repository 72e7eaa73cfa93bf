using System.Text.RegularExpressions;

namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// One list from the scan, the conversion and the build: a build error on a line the scan already explained is
/// folded into that finding (its code shown beside the hint); a missing storage call the compiler found (the scan
/// leaves names like Exists or Delete to it) gets the storage hint; any other error is listed as the compiler said.
/// </summary>
internal static partial class FindingMerger
{
    public static IReadOnlyList<PortFinding> Merge(IEnumerable<PortFinding> found, IEnumerable<BuildMessage> errors)
    {
        var findings = found.DistinctBy(f => (f.File, f.Line, f.Rule)).ToList();
        foreach (var error in errors)
        {
            var file = Path.IsPathRooted(error.File) ? Path.GetFullPath(error.File) : error.File;
            var explained = error.Line > 0 ? findings.FindIndex(f => f.File == file && f.Line == error.Line && f.CompilerCode is null) : -1;
            if (explained >= 0)
            {
                findings[explained] = findings[explained] with { CompilerCode = error.Code };
                continue;
            }

            if (findings.Any(f => f.File == file && f.Line == error.Line && f.CompilerCode == error.Code && f.Message == error.Text))
            {
                continue;
            }

            if (MissingMember().Match(error.Text) is { Success: true } missing
                && StorageApi.IsStorageType(missing.Groups["type"].Value)
                && StorageApi.Replacement(missing.Groups["member"].Value) is { } replacement)
            {
                findings.Add(new PortFinding(file, error.Line, error.Column, PortRules.StorageSync,
                    $"{missing.Groups["type"].Value}.{missing.Groups["member"].Value}: WindowsAzure.Storage for .NET has no such call", replacement, error.Code));
                continue;
            }

            findings.Add(new PortFinding(file, error.Line, error.Column, PortRules.Compiler, error.Text, null, error.Code));
        }

        return [.. findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)];
    }

    [GeneratedRegex(@"'(?<type>[^']+)' does not contain a definition for '(?<member>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingMember();
}
