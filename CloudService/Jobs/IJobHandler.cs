namespace BackgroundRoles.Jobs;

/// <summary>Runs the jobs of one <see cref="JobType"/>. Handlers must be safe to call concurrently.</summary>
public interface IJobHandler
{
    /// <summary>The job type this handler runs; matched exactly against the type given at submit.</summary>
    string JobType { get; }

    /// <summary>
    /// Runs one attempt of a job. Returning is success: the message is deleted and the status becomes Succeeded.
    /// Throwing <see cref="PoisonJobException"/> poisons the job at once; any other exception releases the message
    /// for a later attempt, or poisons it at the dequeue limit. Side effects that must not repeat go through
    /// <see cref="JobContext.RunOnceAsync"/>, since a message can be delivered more than once.
    /// </summary>
    /// <param name="context">The job: payload, checkpoint, and the calls to save progress.</param>
    /// <param name="cancellationToken">Cancelled when the processor stops and the drain timeout has passed.</param>
    Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken);
}
