using BackgroundRoles.Jobs;

namespace BackgroundRoles.WebRole.Tests.Api;

/// <summary>
/// A handler that moves only when the test says: it waits at its start, then reports 50 % progress and waits again,
/// then succeeds; so a test sees each status of the job for as long as it needs, without timing.
/// </summary>
internal sealed class GatedJobHandler : IJobHandler
{
    public const string Type = "events-probe";

    private readonly TaskCompletionSource _toProgress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _toFinish = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string JobType => Type;

    public void ReportProgress() => _toProgress.TrySetResult();

    public void Finish() => _toFinish.TrySetResult();

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        await _toProgress.Task.WaitAsync(cancellationToken);
        await context.ReportProgressAsync(50, cancellationToken);
        await _toFinish.Task.WaitAsync(cancellationToken);
        return new JobResult("done");
    }
}
