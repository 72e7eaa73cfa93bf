namespace BackgroundRoles.Jobs;

/// <summary>
/// An idempotency key was used again for a different payload: the submit is refused and nothing is stored, since
/// answering with the first job would silently drop the new request.
/// </summary>
public sealed class IdempotencyConflictException : Exception
{
    public IdempotencyConflictException()
    {
    }

    public IdempotencyConflictException(string message)
        : base(message)
    {
    }

    public IdempotencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IdempotencyConflictException(string message, string existingJobId)
        : base(message)
    {
        ExistingJobId = existingJobId;
    }

    /// <summary>The job the key was first used for, when known.</summary>
    public string? ExistingJobId { get; }
}
