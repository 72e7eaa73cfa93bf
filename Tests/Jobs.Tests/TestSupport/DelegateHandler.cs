namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>A handler made of a lambda.</summary>
internal sealed class DelegateHandler(string jobType, Func<JobContext, CancellationToken, Task<JobResult>> handle) : IJobHandler
{
    public string JobType { get; } = jobType;

    public Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken) => handle(context, cancellationToken);

    public static DelegateHandler Sync(string jobType, Func<JobContext, JobResult> handle) =>
        new(jobType, (context, _) => Task.FromResult(handle(context)));
}
