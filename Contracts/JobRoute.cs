namespace BackgroundRoles.Contracts;

/// <summary>
/// Where jobs of one type go: the queue, the job type carried by each message, and the payload's type. Declared once
/// (<see cref="JobRoutes"/>); the web role submits along it and the worker binds a handler of
/// <typeparamref name="TPayload"/> to it. It converts to the (queue, job type) pair the jobs library routes by.
/// </summary>
/// <typeparam name="TPayload">The payload, as JSON in the message.</typeparam>
/// <param name="Queue">The queue's name.</param>
/// <param name="JobType">The job type.</param>
public sealed record JobRoute<TPayload>(string Queue, string JobType)
{
    /// <summary>The route as the (queue, job type) pair the jobs library routes by.</summary>
    public static implicit operator (string Queue, string JobType)(JobRoute<TPayload> route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return (route.Queue, route.JobType);
    }

    /// <summary>The route as the (queue, job type) pair the jobs library routes by.</summary>
    public (string Queue, string JobType) ToValueTuple() => (Queue, JobType);
}
