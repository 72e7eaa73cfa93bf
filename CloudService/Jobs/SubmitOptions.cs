namespace BackgroundRoles.Jobs;

/// <summary>Optional parts of a job submission.</summary>
public sealed record SubmitOptions
{
    /// <summary>
    /// A caller's key for this request: a second submit with the same key to the same queue returns the first
    /// job's id with <see cref="JobSubmission.AlreadySubmitted"/> set and enqueues nothing.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Carried to <see cref="JobContext.CorrelationId"/> and into the reply message.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>A queue that gets a <see cref="JobReply"/> when the job reaches a final state.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Jobs with the same ordering key run in <see cref="Sequence"/> order (see <see cref="QueueProcessor"/>).</summary>
    public string? OrderingKey { get; init; }

    /// <summary>The job's place within its <see cref="OrderingKey"/>: 1, 2, 3, ... with no gaps.</summary>
    public long? Sequence { get; init; }

    /// <summary>
    /// When the job is due (any offset; stored in UTC). Up to <see cref="JobDefaults.MaxVisibilityDelay"/> ahead the
    /// message is sent at once, hidden until then; further ahead the job waits in <see cref="JobDefaults.DueJobsTable"/>
    /// until the due-jobs mover sends it. A time already past runs the job now. Not with <see cref="Delay"/>. A job with
    /// a due time shows <see cref="JobState.Scheduled"/> until a handler starts, and can be cancelled
    /// (<see cref="JobClient.CancelAsync"/>).
    /// </summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>How long from the submit the job is due (zero or more); see <see cref="RunAt"/>, which it may not go with.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// Whether <see cref="JobClient.CancelAsync"/> may cancel the job while it waits (always true for a job with a due
    /// time). A cancellable job costs two more table calls: the processor claims its status record before its
    /// handler starts, so a cancel and a start never both succeed.
    /// </summary>
    public bool Cancellable { get; init; }

    /// <summary>
    /// Where the job's final status is POSTed, signed, when it ends (Succeeded, Failed, Poisoned, or Cancelled as the
    /// processor sees it): an absolute http(s) URL whose host is on <see cref="JobClient.CallbackHosts"/>, checked at
    /// submit and again by the processor before each POST (<see cref="Callbacks.CallbackOptions"/>).
    /// </summary>
    public Uri? CallbackUrl { get; init; }
}
