namespace BackgroundRoles.Jobs.Pipeline;

/// <summary>How a message ends on this attempt (<see cref="MessageContext.Outcome"/>): set by an intake step, read by the completion steps.</summary>
public sealed record MessageOutcome
{
    private MessageOutcome(MessageOutcomeKind kind)
    {
        Kind = kind;
    }

    /// <summary>Which ending.</summary>
    public MessageOutcomeKind Kind { get; }

    /// <summary>The handler's result, when <see cref="MessageOutcomeKind.Succeeded"/>.</summary>
    public JobResult? Result { get; private init; }

    /// <summary>
    /// Why: the failure of a Failed job, the error of a Poisoned one ("Type: message"), the reason of a Released one,
    /// as the status record shows it.
    /// </summary>
    public string? Error { get; private init; }

    /// <summary>Why the message was poisoned, when <see cref="MessageOutcomeKind.Poisoned"/>.</summary>
    public PoisonReason? PoisonReason { get; private init; }

    /// <summary>The exception behind the outcome, when there is one (always for Poisoned).</summary>
    public Exception? Exception { get; private init; }

    /// <summary>How long a Released message stays invisible.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>The job succeeded with <paramref name="result"/>.</summary>
    public static MessageOutcome Succeeded(JobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(MessageOutcomeKind.Succeeded) { Result = result };
    }

    /// <summary>The job ends Failed with <paramref name="error"/>; <paramref name="exception"/> is what reported it, if anything.</summary>
    public static MessageOutcome Failed(string error, Exception? exception = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(MessageOutcomeKind.Failed) { Error = error, Exception = exception };
    }

    /// <summary>The message goes to <c>&lt;queue&gt;-poison</c> for <paramref name="reason"/>, with <paramref name="exception"/> as its error.</summary>
    public static MessageOutcome Poisoned(PoisonReason reason, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(MessageOutcomeKind.Poisoned) { PoisonReason = reason, Exception = exception, Error = Jobs.Internal.PoisonError.From(exception).ToString() };
    }

    /// <summary>The message becomes visible again after <paramref name="delay"/>; <paramref name="reason"/> goes into the status record.</summary>
    public static MessageOutcome Released(TimeSpan delay, string reason, Exception? exception = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new(MessageOutcomeKind.Released) { Delay = delay, Error = reason, Exception = exception };
    }

    /// <summary>The message is deleted and nothing else happens (a job already final, delivered again).</summary>
    public static MessageOutcome Deleted() => new(MessageOutcomeKind.Deleted);

    /// <summary>Nothing is done: the message is no longer this worker's.</summary>
    public static MessageOutcome Abandoned(Exception? exception = null) => new(MessageOutcomeKind.Abandoned) { Exception = exception };
}
