namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>Runs a test (or every test of a class) only when <see cref="HeadlessChromium"/> is installed; else it is reported as skipped, with the reason.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class BrowserConditionAttribute : ConditionBaseAttribute
{
    public BrowserConditionAttribute()
        : base(ConditionMode.Include)
    {
        IgnoreMessage = HeadlessChromium.SkipReason;
    }

    public override bool IsConditionMet => HeadlessChromium.IsPresent;

    public override string GroupName => nameof(BrowserConditionAttribute);
}
