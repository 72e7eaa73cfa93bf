namespace BackgroundRoles.Dashboard;

/// <summary>Every default of the dashboard, in one place.</summary>
public static class DashboardDefaults
{
    /// <summary>The session cookie, given by the login link.</summary>
    public const string SessionCookie = "br-dashboard";

    /// <summary>The header that carries the anti-forgery token on every state-changing request.</summary>
    public const string AntiforgeryHeader = "X-Dashboard-Antiforgery";

    /// <summary>The anti-forgery cookie.</summary>
    public const string AntiforgeryCookie = "br-dashboard-af";

    /// <summary>At most this much of a log file is sent in one answer, so a fast-logging role cannot grow a request.</summary>
    public const int MaxLogChunkBytes = 64 * 1024;

    /// <summary>Snapshots queued for one live page; a page that falls further behind gets the newest only.</summary>
    public const int MaxPendingPushes = 256;

    /// <summary>How often a live page is sent a snapshot even when nothing changed (the uptimes move).</summary>
    public static readonly TimeSpan PushInterval = TimeSpan.FromSeconds(2);

    /// <summary>How often queue depths are sampled for the sparklines.</summary>
    public static readonly TimeSpan DepthSampleInterval = TimeSpan.FromSeconds(5);

    /// <summary>How far back the depth sparklines go.</summary>
    public static readonly TimeSpan DepthHistory = TimeSpan.FromMinutes(10);

    /// <summary>Messages peeked from one queue at once (the storage service's own limit).</summary>
    public const int MaxPeekedMessages = 32;

    /// <summary>Recent jobs the jobs page lists at most.</summary>
    public const int MaxListedJobs = 200;

    /// <summary>The longest payload the page shows; the rest is cut with a note.</summary>
    public const int MaxShownPayloadChars = 16 * 1024;

    /// <summary>
    /// How long a storage listing the pages poll (due jobs, schedules) is answered from memory: every open page polls
    /// every 5 s, so however many are open, storage is read at most once per this time. A cancel from the page drops it.
    /// </summary>
    public static readonly TimeSpan ListingCacheTime = TimeSpan.FromSeconds(5);

    /// <summary>Due jobs the jobs page lists at most, the next due first (the count covers them all).</summary>
    public const int MaxListedDueJobs = 50;

    /// <summary>
    /// How many rows of the jobsdue table the jobs page reads, the earliest due first, to say which due jobs wait there
    /// (the jobs library's limit, <see cref="Jobs.JobDefaults.MaxListedDueRows"/>).
    /// </summary>
    public const int MaxReadDueRows = Jobs.JobDefaults.MaxListedDueRows;

    /// <summary>How many of the next due times the jobs page names in its summary.</summary>
    public const int NextDueTimesShown = 5;
}
