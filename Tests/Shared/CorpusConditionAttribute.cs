namespace BackgroundRoles.Tests;

/// <summary>Runs a test (or every test of a class) only when the <see cref="ExternalCorpus"/> is present; else it is reported as skipped, with the reason.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class CorpusConditionAttribute : ConditionBaseAttribute
{
    public CorpusConditionAttribute()
        : base(ConditionMode.Include)
    {
        IgnoreMessage = ExternalCorpus.SkipReason;
    }

    public override bool IsConditionMet => ExternalCorpus.IsPresent;

    public override string GroupName => nameof(CorpusConditionAttribute);
}
