namespace BackgroundRoles.ServiceModel;

/// <summary>
/// The outcome of <see cref="ServiceModel.Load"/>: the model when both files could be built (even with errors) and
/// every diagnostic from reading, validating and cross-validating them, in that order.
/// </summary>
public sealed record ServiceModelLoad(ServiceModel? Model, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error; the model should then not be run.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
