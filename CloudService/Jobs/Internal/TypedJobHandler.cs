using System.Text.Json;

namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// An <see cref="IJobHandler{TPayload}"/> as the processor sees handlers: reads the payload's JSON into a
/// <typeparamref name="TPayload"/>, and poisons a payload that is not one (it can never succeed).
/// </summary>
internal sealed class TypedJobHandler<TPayload>(string jobType, IJobHandler<TPayload> handler) : IJobHandler
{
    public string JobType => jobType;

    public Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken) =>
        handler.HandleAsync(Read(context.Payload), context, cancellationToken);

    private TPayload Read(string payload)
    {
        TPayload? value;
        try
        {
            value = JsonSerializer.Deserialize<TPayload>(payload, JobDefaults.PayloadJson);
        }
        catch (JsonException e)
        {
            throw new PoisonJobException($"The {jobType} job's payload is not {Article(jobType)} {jobType} ({typeof(TPayload).Name}): {e.Message}");
        }

        return value ?? throw new PoisonJobException($"The {jobType} job has no payload.");
    }

    /// <summary>"an" before a job type that starts with a vowel, else "a": the reason is read by operators.</summary>
    private static string Article(string word) => word.Length > 0 && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
