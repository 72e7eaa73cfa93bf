using System.Text.Json;

namespace BackgroundRoles.Jobs.Callbacks.Internal;

/// <summary>
/// A callback's body: the job's final status in the shape <c>GET /api/jobs/{id}</c> answers (camelCase, the state
/// by name, the role's <c>resultUrl</c>), so a receiver parses both with one type.
/// </summary>
internal sealed record CallbackBody(
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
    bool Cancellable)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(JobStatus status, Func<JobStatus, string?>? resultUrl) => JsonSerializer.Serialize(
        new CallbackBody(status.JobId, status.JobType, status.State.ToString(), status.Progress, resultUrl?.Invoke(status), status.Error, status.Attempts,
            status.CreatedAt, status.UpdatedAt, status.StartedAt, status.CompletedAt, status.DueAt, status.Cancellable),
        Json);
}
