namespace BackgroundRoles.Jobs.Pipeline;

/// <summary>The names of the default steps of a <see cref="MessagePipelineBuilder"/>, in their order.</summary>
public static class MessageStepNames
{
    /// <summary>Intake: decode (base64, UTF-8) and check the message (job id, job type, payload), find the job type's handler; poison what never can succeed.</summary>
    public const string Decode = "decode";

    /// <summary>Intake: read the job's status record; a job already final is a repeated delivery and its message is deleted.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Intake: the ordering rule: run the next sequence of an ordering key, fail stale ones, release early ones.</summary>
    public const string Ordering = "ordering";

    /// <summary>Intake: the payload, inline or downloaded from its claim-check blob; a missing blob poisons the job.</summary>
    public const string ClaimCheck = "claim-check";

    /// <summary>Intake: status Running, then the handler with its <see cref="JobContext"/> (checkpoints, progress, run-once side effects); its result or failure is the outcome.</summary>
    public const string Handler = "handler";

    /// <summary>Completion: after a success, the ordering key's record moves to the job's sequence.</summary>
    public const string OrderingRecord = "ordering-record";

    /// <summary>Completion: a poisoned message (original text, job, reason, error, attempts) goes to <c>&lt;queue&gt;-poison</c>.</summary>
    public const string Poison = "poison";

    /// <summary>Completion: the job's status record: Succeeded, Failed, Poisoned, or Queued again with the reason.</summary>
    public const string Status = "status";

    /// <summary>Completion: a <see cref="JobReply"/> to the job's reply queue, if it has one.</summary>
    public const string Reply = "reply";

    /// <summary>Completion: a final job with a callback URL gets its callback row, then is handed to the background webhook sender (<see cref="QueueProcessorOptions.Callbacks"/>).</summary>
    public const string Callback = "callback";

    /// <summary>Completion: the message is deleted, or released with its delay.</summary>
    public const string Settle = "settle";
}
