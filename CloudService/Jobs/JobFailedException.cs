namespace BackgroundRoles.Jobs;

/// <summary>
/// Thrown by a handler when the job has ended in a business failure it has already dealt with (a workflow that
/// compensated its completed steps, say): the job ends Failed with this message as its error, the message is
/// deleted, and nothing goes to the poison queue. Unlike <see cref="PoisonJobException"/>, nothing is wrong with
/// the message itself.
/// </summary>
public class JobFailedException : Exception
{
    public JobFailedException()
    {
    }

    public JobFailedException(string message)
        : base(message)
    {
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
