using BackgroundRoles.Jobs.Leases.Internal;
using BackgroundRoles.Jobs.Triggers.Internal;

namespace BackgroundRoles.Jobs.Triggers;

/// <summary>What a <see cref="BlobTrigger"/> watches and how it runs its handler. Every default is in <see cref="JobDefaults"/>.</summary>
public sealed record BlobTriggerOptions
{
    /// <summary>The container watched: 3 to 63 lowercase letters, digits and single hyphens.</summary>
    public required string Container { get; init; }

    /// <summary>
    /// Which blob names start the handler: <c>*</c> any run of characters ('/' included), <c>?</c> one character,
    /// anything else itself; null or empty for every blob. Its text before the first wildcard is the listing's prefix.
    /// </summary>
    public string? NamePattern { get; init; }

    /// <summary>
    /// The trigger's name: its task's, its cursor's and its receipts' (1 to 100 letters, digits, '.', '_' or '-');
    /// default <c>blob-trigger-</c> and the container. Every instance of a role must give the same one, and two
    /// triggers on one container need two names, since each handles every blob version once.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The job type of the status records (<see cref="JobStatus.JobType"/>); default <c>blob:</c> and the container.</summary>
    public string? JobType { get; init; }

    /// <summary>This instance's id, recorded on the claims it holds; default the machine name and process id.</summary>
    public string InstanceId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Time between two listings of the container. Default <see cref="JobDefaults.BlobScanInterval"/>.</summary>
    public TimeSpan ScanInterval { get; init; } = JobDefaults.BlobScanInterval;

    /// <summary>
    /// How long a claim on a blob version holds without renewal (renewed every third of it while the handler runs);
    /// an instance that crashed mid-way leaves its claim, which another takes this long after the last renewal.
    /// Default <see cref="JobDefaults.BlobClaimTime"/>; at least 3 seconds.
    /// </summary>
    public TimeSpan ClaimTime { get; init; } = JobDefaults.BlobClaimTime;

    /// <summary>Attempts of one blob version before it is poisoned (a crashed or hung attempt counts). Default <see cref="JobDefaults.BlobMaxAttempts"/>.</summary>
    public int MaxAttempts { get; init; } = JobDefaults.BlobMaxAttempts;

    /// <summary>Wait after the first failed attempt, doubled for each further one. Default <see cref="JobDefaults.RetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = JobDefaults.RetryDelay;

    /// <summary>Cap on the wait between attempts. Default <see cref="JobDefaults.MaxRetryDelay"/>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = JobDefaults.MaxRetryDelay;

    /// <summary>Handlers running at once in this instance. Default <see cref="JobDefaults.BlobMaxConcurrency"/>.</summary>
    public int MaxConcurrency { get; init; } = JobDefaults.BlobMaxConcurrency;

    /// <summary>How far behind a scan's start the stored cursor stays. Default <see cref="JobDefaults.BlobCursorLag"/>.</summary>
    public TimeSpan CursorLag { get; init; } = JobDefaults.BlobCursorLag;

    /// <summary>On stop, how long running handlers may still finish before they are cancelled and their claims given back. Default <see cref="JobDefaults.DrainTimeout"/>.</summary>
    public TimeSpan DrainTimeout { get; init; } = JobDefaults.DrainTimeout;

    /// <summary>The trigger's name as used: <see cref="Name"/> or its default.</summary>
    public string EffectiveName => string.IsNullOrEmpty(Name) ? "blob-trigger-" + Container : Name;

    /// <summary>The job type as used: <see cref="JobType"/> or its default.</summary>
    public string EffectiveJobType => string.IsNullOrEmpty(JobType) ? "blob:" + Container : JobType;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    internal void Validate()
    {
        BlobNames.ValidateContainer(Container);
        BlobNamePattern.Validate(NamePattern);
        LeaseNames.Validate(EffectiveName, "blob trigger", nameof(Name));
        LeaseNames.ValidateInstanceId(InstanceId, nameof(InstanceId));
        if (EffectiveJobType.Length > 256)
        {
            throw new ArgumentException("The job type may have at most 256 characters.", nameof(JobType));
        }

        Positive(ScanInterval, nameof(ScanInterval));
        Positive(RetryDelay, nameof(RetryDelay));
        Positive(MaxRetryDelay, nameof(MaxRetryDelay));
        if (ClaimTime < TimeSpan.FromSeconds(3))
        {
            throw new ArgumentOutOfRangeException(nameof(ClaimTime), ClaimTime, "The claim time must be at least 3 seconds.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(CursorLag, TimeSpan.Zero, nameof(CursorLag));
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero, nameof(DrainTimeout));
    }

    private static void Positive(TimeSpan value, string name) => ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
}
