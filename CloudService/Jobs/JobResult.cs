namespace BackgroundRoles.Jobs;

/// <summary>What a handler returns on success: optionally a reference to its result (a blob name, a row key, a URL).</summary>
public sealed record JobResult(string? ResultReference = null)
{
    /// <summary>Success without a result reference.</summary>
    public static JobResult Success { get; } = new();
}
