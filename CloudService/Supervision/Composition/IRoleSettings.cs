using System.Diagnostics.CodeAnalysis;

namespace BackgroundRoles.Supervision.Composition;

/// <summary>
/// The role's settings as a <see cref="RoleKit"/> sees them: read live (the current value, after any change), and
/// announcing each change. The role host gives the kit the role instance's settings; a test can give any.
/// </summary>
public interface IRoleSettings
{
    /// <summary>Raised after settings changed, with the names of the settings whose values changed.</summary>
    event EventHandler<RoleSettingsChangedEventArgs>? Changed;

    /// <summary>The setting's current value; false when the role has no such setting.</summary>
    bool TryGetValue(string name, [NotNullWhen(true)] out string? value);
}
