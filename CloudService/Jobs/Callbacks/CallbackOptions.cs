namespace BackgroundRoles.Jobs.Callbacks;

/// <summary>
/// Webhook callbacks of a queue processor (<see cref="QueueProcessorOptions.Callbacks"/>): when a job that was
/// submitted with <see cref="SubmitOptions.CallbackUrl"/> reaches a final state, its final status is POSTed there,
/// signed (<see cref="CallbackSignature"/>), to allowed hosts only, retried with exponential backoff, at least once: a
/// row in <see cref="JobDefaults.CallbackTable"/> keeps it until it ends, and a sweep takes over from a sender that
/// died or stopped.
/// </summary>
public sealed record CallbackOptions
{
    /// <summary>The hosts a callback may go to, checked again before every POST. <see cref="CallbackAllowList.None"/> turns callbacks off.</summary>
    public CallbackAllowList AllowedHosts { get; init; } = CallbackAllowList.None;

    /// <summary>
    /// Reads the allowed hosts again before each delivery (a role's live setting), so a host taken off the list after
    /// a submit gets no request; null uses <see cref="AllowedHosts"/>. It must not throw.
    /// </summary>
    public Func<CallbackAllowList>? CurrentAllowedHosts { get; init; }

    /// <summary>The per-service secret the body is signed with (HMAC-SHA256). Required when <see cref="AllowedHosts"/> names any host.</summary>
    public string? SigningKey { get; init; }

    /// <summary>POSTs before the delivery is given up. Default <see cref="JobDefaults.CallbackMaxAttempts"/>.</summary>
    public int MaxAttempts { get; init; } = JobDefaults.CallbackMaxAttempts;

    /// <summary>The wait after the first failed POST, doubled after each further one. Default <see cref="JobDefaults.CallbackRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = JobDefaults.CallbackRetryDelay;

    /// <summary>Cap on the wait between POSTs. Default <see cref="JobDefaults.CallbackMaxRetryDelay"/>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = JobDefaults.CallbackMaxRetryDelay;

    /// <summary>How long one POST may take. Default <see cref="JobDefaults.CallbackAttemptTimeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; init; } = JobDefaults.CallbackAttemptTimeout;

    /// <summary>
    /// How often the role's sweep (added by the kit with the queue handlers) looks for callbacks whose sender died or
    /// stopped. Default <see cref="JobDefaults.CallbackSweepInterval"/>; a role's sweep uses the shortest of its queues'.
    /// </summary>
    public TimeSpan SweepInterval { get; init; } = JobDefaults.CallbackSweepInterval;

    /// <summary>
    /// How long a sender's claim on a callback outlives its next attempt and that attempt's timeout before a sweep may
    /// take it over. Default <see cref="JobDefaults.CallbackClaimGrace"/>.
    /// </summary>
    public TimeSpan ClaimGrace { get; init; } = JobDefaults.CallbackClaimGrace;

    /// <summary>
    /// The body's <c>resultUrl</c> for a job (what <c>GET /api/jobs/{id}</c> shows, since the library does not know the
    /// role's routes); null gives none.
    /// </summary>
    public Func<JobStatus, string?>? ResultUrl { get; init; }

    /// <summary>Whether any callback can be sent.</summary>
    public bool Enabled => !AllowedHosts.IsEmpty || CurrentAllowedHosts is not null;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(!Enabled || !string.IsNullOrEmpty(SigningKey), nameof(SigningKey), "must be set when AllowedHosts names a host");
        Require(MaxAttempts >= 1, nameof(MaxAttempts), "must be at least 1");
        Require(RetryDelay >= TimeSpan.Zero, nameof(RetryDelay), "must not be negative");
        Require(MaxRetryDelay >= RetryDelay, nameof(MaxRetryDelay), "must be at least RetryDelay");
        Require(AttemptTimeout > TimeSpan.Zero, nameof(AttemptTimeout), "must be positive");
        Require(SweepInterval > TimeSpan.Zero, nameof(SweepInterval), "must be positive");
        Require(ClaimGrace >= TimeSpan.Zero, nameof(ClaimGrace), "must not be negative");

        static void Require(bool condition, string name, string rule)
        {
            if (!condition)
            {
                throw new ArgumentException($"CallbackOptions.{name} {rule}.", name);
            }
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    internal TimeSpan DelayAfter(int attempt)
    {
        var ticks = RetryDelay.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return ticks >= MaxRetryDelay.Ticks ? MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }
}
