namespace BackgroundRoles.Hosting;

/// <summary>Every default of the role host, in one place.</summary>
public static class HostDefaults
{
    /// <summary>Stopping plus OnStop must finish within this, as on Cloud Services.</summary>
    public static readonly TimeSpan StopBudget = TimeSpan.FromMinutes(5);

    /// <summary>How often StatusCheck is raised.</summary>
    public static readonly TimeSpan StatusCheckInterval = TimeSpan.FromSeconds(15);

    /// <summary>The role setting that lowers the stop budget (a TimeSpan such as 00:00:30, or seconds).</summary>
    public const string StopBudgetSetting = "BackgroundRoles.StopBudget";
}
