using System.Net;

namespace BackgroundRoles.Hosting;

/// <summary>Every default of the role host, in one place.</summary>
public static class HostDefaults
{
    /// <summary>Stopping plus OnStop must finish within this, as on Cloud Services.</summary>
    public static readonly TimeSpan StopBudget = TimeSpan.FromMinutes(5);

    /// <summary>How often StatusCheck is raised.</summary>
    public static readonly TimeSpan StatusCheckInterval = TimeSpan.FromSeconds(15);

    /// <summary>How long the host waits to connect to the fabric's control channel before it runs without it.</summary>
    public static readonly TimeSpan ChannelConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the host waits, at exit, for its last control channel messages to be sent.</summary>
    public static readonly TimeSpan ChannelFlushTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Where the probe server listens unless <see cref="ProbeOptions.AddressVariable"/> says otherwise: loopback only.</summary>
    public static readonly IPAddress ProbeAddress = IPAddress.Loopback;

    /// <summary>How long the probe server waits for a request's head before it closes the connection.</summary>
    public static readonly TimeSpan ProbeRequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The longest request head the probe server reads; a longer one is answered 400.</summary>
    public const int ProbeMaxRequestBytes = 8192;

    /// <summary>The role setting that lowers the stop budget (a TimeSpan such as 00:00:30, or seconds).</summary>
    public const string StopBudgetSetting = "BackgroundRoles.StopBudget";
}
