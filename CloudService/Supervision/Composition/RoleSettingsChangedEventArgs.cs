namespace BackgroundRoles.Supervision.Composition;

/// <summary>Which settings changed (<see cref="IRoleSettings.Changed"/>, <see cref="RoleKit.OnSettingsChanged"/>).</summary>
public sealed class RoleSettingsChangedEventArgs(IReadOnlyCollection<string> names) : EventArgs
{
    /// <summary>The names of the settings whose values changed.</summary>
    public IReadOnlyCollection<string> Names { get; } = names ?? throw new ArgumentNullException(nameof(names));
}
