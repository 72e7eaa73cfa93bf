using System.Text.Json;

namespace BackgroundRoles.Jobs;

/// <summary>
/// A job's status as it goes over the wire: the body of a webhook callback, and what a web role's
/// <c>GET /api/jobs/{id}</c> answers (which may add fields of its own by deriving from this record). One type, so the
/// two shapes cannot drift apart. Web JSON: camelCase, the state by name.
/// </summary>
/// <param name="JobId">The job's id.</param>
/// <param name="JobType">The job's type.</param>
/// <param name="State">The <see cref="JobState"/> by name.</param>
/// <param name="Progress">Percent done, 0 to 100.</param>
/// <param name="ResultUrl">Where the result can be fetched, as the role's routes name it; null when there is none.</param>
/// <param name="Error">Why the job failed or was retried; null when it did not.</param>
/// <param name="Attempts">Attempts started.</param>
/// <param name="CreatedAt">When the job was submitted.</param>
/// <param name="UpdatedAt">When the status last changed.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="CompletedAt">When the job reached a final state.</param>
/// <param name="DueAt">When a job submitted to run later is due.</param>
/// <param name="Cancellable">Whether the job can still be cancelled while it waits.</param>
public record JobStatusDocument(
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

    /// <summary>The document of <paramref name="status"/>, with <paramref name="resultUrl"/> (the library does not know the role's routes).</summary>
    public static JobStatusDocument From(JobStatus status, string? resultUrl)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new JobStatusDocument(status.JobId, status.JobType, status.State.ToString(), status.Progress, resultUrl, status.Error, status.Attempts,
            status.CreatedAt, status.UpdatedAt, status.StartedAt, status.CompletedAt, status.DueAt, status.Cancellable);
    }

    /// <summary>This document's own fields as web JSON (a derived record's fields are left out): a callback's body.</summary>
    public string ToJson() => JsonSerializer.Serialize<JobStatusDocument>(this, Json);
}
