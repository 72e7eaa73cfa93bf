namespace BackgroundRoles.ServiceModel.Tests.Support;

/// <summary>Assertions on diagnostics that print every diagnostic when they fail.</summary>
internal static class DiagnosticAssert
{
    public static void NoErrors(IEnumerable<Diagnostic> diagnostics)
    {
        var all = diagnostics.ToArray();
        Assert.IsFalse(all.Any(d => d.IsError), "expected no errors, got:\n" + Describe(all));
    }

    public static void NoDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var all = diagnostics.ToArray();
        Assert.IsEmpty(all, "expected no diagnostics, got:\n" + Describe(all));
    }

    /// <summary>Asserts exactly one diagnostic of <paramref name="severity"/> mentions <paramref name="text"/>, and returns it.</summary>
    public static Diagnostic Single(IEnumerable<Diagnostic> diagnostics, DiagnosticSeverity severity, string text)
    {
        var all = diagnostics.ToArray();
        var matches = all.Where(d => d.Severity == severity && d.Message.Contains(text, StringComparison.Ordinal)).ToArray();
        Assert.HasCount(1, matches, $"expected one {severity} mentioning '{text}', got:\n" + Describe(all));
        return matches[0];
    }

    public static Diagnostic SingleError(IEnumerable<Diagnostic> diagnostics, string text) =>
        Single(diagnostics, DiagnosticSeverity.Error, text);

    public static Diagnostic SingleWarning(IEnumerable<Diagnostic> diagnostics, string text) =>
        Single(diagnostics, DiagnosticSeverity.Warning, text);

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => "  " + d));
}
