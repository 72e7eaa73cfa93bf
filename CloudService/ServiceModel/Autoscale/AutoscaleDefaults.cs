namespace BackgroundRoles.ServiceModel;

/// <summary>Every default and bound of the autoscale rules, in one place.</summary>
public static class AutoscaleDefaults
{
    /// <summary>The role setting that holds the queues' connection string when a rule names none.</summary>
    public const string ConnectionSetting = "StorageConnectionString";

    /// <summary>Instances added per scale-out when a rule says nothing.</summary>
    public const int ScaleOutStep = 1;

    /// <summary>Instances removed per scale-in when a rule says nothing.</summary>
    public const int ScaleInStep = 1;

    /// <summary>The most instances a rule may ask for (a bound on typing mistakes, not a platform limit).</summary>
    public const int MaxInstances = 1000;

    /// <summary>The time zone of a schedule that names none.</summary>
    public const string TimeZone = "UTC";

    /// <summary>The time between scale-outs when a rule says nothing.</summary>
    public static readonly TimeSpan ScaleOutCooldown = TimeSpan.FromMinutes(1);

    /// <summary>The time before a scale-in when a rule says nothing (the portal's autoscale used five minutes).</summary>
    public static readonly TimeSpan ScaleInCooldown = TimeSpan.FromMinutes(5);

    /// <summary>The shortest cool-down; the orchestrator's scaling period is counted in whole seconds.</summary>
    public static readonly TimeSpan MinCooldown = TimeSpan.FromSeconds(1);

    /// <summary>The longest cool-down: the Kubernetes autoscaler's policy period allows at most 30 minutes.</summary>
    public static readonly TimeSpan MaxCooldown = TimeSpan.FromMinutes(30);
}
