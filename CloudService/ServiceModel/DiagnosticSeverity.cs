namespace BackgroundRoles.ServiceModel;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The model is usable, but something looks wrong or is a placeholder.</summary>
    Warning = 1,

    /// <summary>The platform would reject the file, or the model cannot be trusted.</summary>
    Error = 2,
}
