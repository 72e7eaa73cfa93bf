namespace BackgroundRoles.Jobs;

/// <summary>
/// Runs the jobs of one route (queue and job type) whose payload is a <typeparamref name="TPayload"/>, bound with
/// <see cref="Composition.QueueHandlerSet.Handle{TPayload}"/>. The payload arrives read from the message's JSON (the
/// web's camelCase); a payload that is not a <typeparamref name="TPayload"/> is poisoned before the handler runs.
/// Handlers must be safe to call concurrently.
/// </summary>
/// <typeparam name="TPayload">The payload's type.</typeparam>
public interface IJobHandler<in TPayload>
{
    /// <summary>
    /// Runs one attempt of a job, as <see cref="IJobHandler.HandleAsync"/> does: returning is success,
    /// <see cref="PoisonJobException"/> poisons, <see cref="JobFailedException"/> fails, anything else retries.
    /// </summary>
    /// <param name="payload">The payload, never null.</param>
    /// <param name="context">The job: id, checkpoint, and the calls to save progress and run side effects once.</param>
    /// <param name="cancellationToken">Cancelled when the processor stops and the drain has passed.</param>
    Task<JobResult> HandleAsync(TPayload payload, JobContext context, CancellationToken cancellationToken);
}
