using System.Text;
using System.Text.RegularExpressions;
using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>A blob name pattern: <c>*</c> any run of characters, <c>?</c> one, anything else itself.</summary>
internal sealed class BlobNamePattern
{
    private readonly Regex? _regex;

    private BlobNamePattern(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            Prefix = string.Empty;
            return;
        }

        var wildcard = pattern.IndexOfAny(['*', '?']);
        Prefix = wildcard < 0 ? pattern : pattern[..wildcard];
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        _regex = new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The literal text before the first wildcard: what the listing asks for.</summary>
    public string Prefix { get; }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="pattern"/> is usable (null or empty: every blob).</summary>
    public static void Validate(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return;
        }

        if (pattern.Length > JobDefaults.MaxBlobPatternLength || pattern.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"'{StorageNames.Printable(pattern)}' is not a usable blob name pattern: at most {JobDefaults.MaxBlobPatternLength} characters, no control characters.",
                "namePattern");
        }
    }

    public static BlobNamePattern Parse(string? pattern)
    {
        Validate(pattern);
        return new BlobNamePattern(pattern);
    }

    public bool Matches(string name) => _regex?.IsMatch(name) ?? true;
}
