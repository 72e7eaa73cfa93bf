using System.Diagnostics.CodeAnalysis;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Supervision.Internal;

/// <summary>
/// A role instance's settings as its kit sees them: the current values, and each Changed event that names settings
/// passed on with their names (topology changes are not settings, so they are not passed on).
/// </summary>
internal sealed class EnvironmentSettings : IRoleSettings, IDisposable
{
    private readonly RoleInstanceEnvironment _environment;

    public EnvironmentSettings(RoleInstanceEnvironment environment)
    {
        _environment = environment;
        _environment.Changed += OnChanged;
    }

    public event EventHandler<RoleSettingsChangedEventArgs>? Changed;

    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_environment.TryGetConfigurationSettingValue(name, out var found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }

    public void Dispose() => _environment.Changed -= OnChanged;

    private void OnChanged(object? sender, RoleEnvironmentChangedEventArgs e)
    {
        var names = e.Changes.OfType<RoleEnvironmentConfigurationSettingChange>().Select(change => change.ConfigurationSettingName).Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length > 0)
        {
            Changed?.Invoke(this, new RoleSettingsChangedEventArgs(names));
        }
    }
}
