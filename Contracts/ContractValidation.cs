namespace BackgroundRoles.Contracts;

/// <summary>How a contract's validation problems are reported: by field, as problem details' <c>errors</c> name them.</summary>
public static class ContractValidation
{
    /// <summary>The problems as one sentence for a log line or a poison record: <c>field: problem; field: problem</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
    }
}
