namespace BackgroundRoles.Chaos;

/// <summary>The defaults and bounds of the chaos scenarios, in one place.</summary>
internal static class ChaosLimits
{
    /// <summary>How long any single HTTP request of a scenario may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often job statuses are polled while waiting for jobs to end.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest a model-fuzz parse may take (the target).</summary>
    public static readonly TimeSpan SlowParse = TimeSpan.FromSeconds(1);

    /// <summary>The largest body a fuzz request sends: past the web role's 10 MB upload limit.</summary>
    public const int HugeBody = 11 * 1024 * 1024;

    /// <summary>Orders submitted to the web role at once.</summary>
    public const int SubmitConcurrency = 4;

    /// <summary>The product every chaos order takes one of; its stock counts the side effects.</summary>
    public const string Sku = "sku-plum";
}
