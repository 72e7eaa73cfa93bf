namespace BackgroundRoles.Export.Internal;

/// <summary>
/// One role setting in the export: its value (from the cscfg; never written when <paramref name="IsSecret"/>), where it
/// goes (the role's ConfigMap or Secret, under its own name as the key) and the variable the role host reads it from.
/// </summary>
internal sealed record SettingPlan(string Name, string Value, bool IsSecret, string Variable);
