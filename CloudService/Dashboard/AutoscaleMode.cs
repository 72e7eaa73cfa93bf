namespace BackgroundRoles.Dashboard;

/// <summary>Whether the emulator applies autoscale rules (<c>run</c>, <c>run --no-autoscale</c>).</summary>
public enum AutoscaleMode
{
    /// <summary>No rules file beside the cscfg, or one with no rules: instance counts are the cscfg's.</summary>
    NoRules,

    /// <summary><c>run --no-autoscale</c>: the rules file was not read and the cscfg's counts are kept.</summary>
    Off,

    /// <summary>The rules are applied to the production deployment.</summary>
    On,
}
