namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Collects diagnostics in the order found, so several problems are reported together.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public void Error(SourceLocation at, string message) => _items.Add(Diagnostic.Error(at, message));

    public void Warning(SourceLocation at, string message) => _items.Add(Diagnostic.Warning(at, message));

    /// <summary>How many have been collected, so a reader can tell whether a part added any.</summary>
    public int Count => _items.Count;

    public IReadOnlyList<Diagnostic> ToList() => _items.ToArray();
}
