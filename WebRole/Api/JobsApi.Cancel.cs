using BackgroundRoles.Jobs;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.WebRole.Api;

/// <summary><c>DELETE /api/jobs/{id}</c>: cancels a job that waits.</summary>
internal static partial class JobsApi
{
    /// <summary>200 with the Cancelled status (again for a repeated request), 404 for no such job, 409 with the reason for one that runs, has ended or is not cancellable.</summary>
    private static async Task<IResult> CancelJobAsync(string id, JobStorage storage, CancellationToken cancellationToken)
    {
        var cancellation = await storage.Jobs.CancelAsync(id, cancellationToken).ConfigureAwait(false);
        return cancellation.Outcome switch
        {
            JobCancellationOutcome.Cancelled => Results.Ok(JobStatusView.From(cancellation.Status!)),
            JobCancellationOutcome.NotFound => Results.Problem(title: "No such job", detail: $"There is no job {id}.", statusCode: StatusCodes.Status404NotFound),
            _ => Results.Problem(title: "The job cannot be cancelled", detail: cancellation.Reason, statusCode: StatusCodes.Status409Conflict),
        };
    }
}
