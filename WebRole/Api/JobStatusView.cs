using System.Text.Json.Serialization;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Callbacks;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// What <c>GET /api/jobs/{id}</c> answers: the job's <see cref="JobStatusDocument"/> (a webhook's body) and, last,
/// <c>callback</c>, which records what became of that webhook once it ended.
/// </summary>
internal sealed record JobStatusView : JobStatusDocument
{
    private JobStatusView(JobStatusDocument document, CallbackState? callback)
        : base(document) => Callback = callback;

    /// <summary>What became of the job's webhook callback; null while none has ended.</summary>
    [JsonPropertyOrder(1)]
    public CallbackState? Callback { get; }

    public static JobStatusView From(JobStatus status) => new(
        JobStatusDocument.From(status, status.State == JobState.Succeeded ? JobResults.UrlOf(status.JobType, status.JobId) : null),
        status.Callback);
}
