namespace BackgroundRoles.Jobs;

/// <summary>
/// A storage operation of the jobs library failed (after the transient-error retries), or the connection string
/// could not be used. The message names the operation, the HTTP status and the storage error code; it never
/// carries an account key or a signature, and the storage SDK's own exception is not attached for that reason.
/// </summary>
public sealed class JobStorageException : Exception
{
    public JobStorageException()
    {
    }

    public JobStorageException(string message)
        : base(message)
    {
    }

    public JobStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal JobStorageException(string message, int? httpStatusCode, string? errorCode, bool isTransient)
        : base(message)
    {
        HttpStatusCode = httpStatusCode;
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status storage answered with, or null when there was no answer.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>The storage error code (for example <c>QueueNotFound</c>), when storage sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>True when the failure was transient (timeout, throttling, 5xx, connection) and retries ran out.</summary>
    public bool IsTransient { get; }
}
