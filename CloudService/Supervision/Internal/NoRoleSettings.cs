using System.Diagnostics.CodeAnalysis;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Supervision.Internal;

/// <summary>The settings of a kit made without any: nothing to read, nothing ever changes.</summary>
internal sealed class NoRoleSettings : IRoleSettings
{
    public static readonly NoRoleSettings Instance = new();

    private NoRoleSettings()
    {
    }

    public event EventHandler<RoleSettingsChangedEventArgs>? Changed
    {
        add { }
        remove { }
    }

    public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return false;
    }
}
