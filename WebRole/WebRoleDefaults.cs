namespace BackgroundRoles.WebRole;

/// <summary>Every limit and default of the web role, in one place.</summary>
internal static class WebRoleDefaults
{
    /// <summary>The response header that names the deployment that served a request (as the emulator's test role sends it).</summary>
    public const string DeploymentIdHeader = "X-Deployment-Id";

    /// <summary>The largest image upload: 10 MB.</summary>
    public const long MaxImageBytes = 10 * 1024 * 1024;

    /// <summary>What a multipart form may add around the image (boundaries, part headers): 64 KB.</summary>
    public const long MaxFormOverheadBytes = 64 * 1024;

    /// <summary>The largest order body: 64 KB, far above the largest valid order (50 lines).</summary>
    public const long MaxOrderBytes = 64 * 1024;

    /// <summary>
    /// How much of a body over an endpoint's limit is read and dropped after the 413, so the connection (the
    /// emulator's load balancer's, a client's keep-alive) carries the answer instead of being cut: 32 MB. Past it,
    /// Kestrel ends the connection.
    /// </summary>
    public const long MaxDrainBytes = 32 * 1024 * 1024;

    /// <summary>How long OnStart waits for storage to create the queues and containers: 60 seconds.</summary>
    public static readonly TimeSpan StorageStartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>What a 503 for unavailable storage asks the client to wait in <c>Retry-After</c>: 5 seconds.</summary>
    public static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>A health probe must answer quickly even when storage does not: 5 seconds.</summary>
    public static readonly TimeSpan HealthStorageTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How far ahead a submission may be due (<c>runAt</c>, <c>delay</c>): 365 days.</summary>
    public static readonly TimeSpan MaxDueAhead = TimeSpan.FromDays(365);

    /// <summary>The role setting holding the due-jobs mover's cron expression: <c>Schedules.DueJobs</c>.</summary>
    public const string DueJobsScheduleSetting = "Schedules.DueJobs";

    /// <summary>
    /// How often <c>GET /api/jobs/{id}/events</c> reads the job's status record to find a change: 250 ms, one point
    /// read per open stream each time.
    /// </summary>
    public static readonly TimeSpan EventsPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long an event stream may carry nothing before it sends a comment line: 15 seconds, well inside the idle
    /// limits of proxies (the emulator's balancer cuts a request idle for 100 s) and the platform's 4 minutes.
    /// </summary>
    public static readonly TimeSpan EventsKeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>The optional role setting that overrides <see cref="EventsKeepAlive"/> (hh:mm:ss): <c>Events.KeepAlive</c>.</summary>
    public const string EventsKeepAliveSetting = "Events.KeepAlive";

    /// <summary>
    /// The longest keep-alive interval the setting may ask for: 90 seconds, under the emulator's balancer's 100 s idle
    /// limit, past which a quiet stream would be cut.
    /// </summary>
    public static readonly TimeSpan MaxEventsKeepAlive = TimeSpan.FromSeconds(90);

    /// <summary>The reconnection delay an event stream asks the client for (the <c>retry:</c> field): 2 seconds.</summary>
    public static readonly TimeSpan EventsRetry = TimeSpan.FromSeconds(2);
}
