namespace BackgroundRoles.Jobs;

/// <summary>
/// Thrown by a handler for an error that no retry can fix (a malformed payload, a missing referenced entity): the
/// message goes to the poison queue at once instead of after <see cref="QueueProcessorOptions.MaxDequeueCount"/> attempts.
/// </summary>
public class PoisonJobException : Exception
{
    public PoisonJobException()
    {
    }

    public PoisonJobException(string message)
        : base(message)
    {
    }

    public PoisonJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
