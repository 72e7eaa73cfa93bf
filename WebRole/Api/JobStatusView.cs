using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Callbacks;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// What <c>GET /api/jobs/{id}</c> answers. A webhook's body has the same fields but <c>callback</c>, which records what
/// became of that webhook once it ended.
/// </summary>
internal sealed record JobStatusView(
    string JobId,
    string JobType,
    string State,
    int Progress,
    string? ResultUrl,
    string? Error,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? DueAt,
    bool Cancellable,
    CallbackState? Callback)
{
    public static JobStatusView From(JobStatus status) => new(
        status.JobId,
        status.JobType,
        status.State.ToString(),
        status.Progress,
        status.State == JobState.Succeeded && status.JobType == JobTypes.Thumbnail ? $"/api/thumbnails/{status.JobId}" : null,
        status.Error,
        status.Attempts,
        status.CreatedAt,
        status.UpdatedAt,
        status.StartedAt,
        status.CompletedAt,
        status.DueAt,
        status.Cancellable,
        status.Callback);
}
