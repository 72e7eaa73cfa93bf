namespace BackgroundRoles.Tests.ScheduleRole.Internal;

/// <summary>The role's defaults, in one place.</summary>
internal static class ScheduleRoleDefaults
{
    /// <summary>How often the singleton's holder writes its holding: often enough to place a takeover within a fraction of a second.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(250);

    /// <summary>The shortest lease blob storage grants, so that a failover test is short.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);

    /// <summary>How long writing a run's end may take, under a budget of its own since the run's token may be cancelled.</summary>
    public static readonly TimeSpan EndWriteBudget = TimeSpan.FromSeconds(5);

    /// <summary>The longest Job.Name: the names made of it stay within the 100 characters of a lease name.</summary>
    public const int MaxNameLength = 60;
}
