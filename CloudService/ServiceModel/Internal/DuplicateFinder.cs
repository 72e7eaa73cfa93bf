namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Reports every item whose name repeats an earlier one, pointing at the repeat and naming the first.</summary>
internal static class DuplicateFinder
{
    public static void Report<T>(
        IEnumerable<T> items,
        Func<T, string> name,
        Func<T, SourceLocation> location,
        StringComparer comparer,
        string what,
        DiagnosticBag diagnostics,
        string scope = "",
        DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        var first = new Dictionary<string, SourceLocation>(comparer);
        foreach (var item in items)
        {
            var key = name(item);
            if (key.Length == 0)
            {
                continue; // An empty name has already been reported by the reader.
            }

            if (!first.TryAdd(key, location(item)))
            {
                var message = $"duplicate {what} '{key}'{scope} (first declared at line {first[key].Line})";
                if (severity == DiagnosticSeverity.Error)
                {
                    diagnostics.Error(location(item), message);
                }
                else
                {
                    diagnostics.Warning(location(item), message);
                }
            }
        }
    }
}
