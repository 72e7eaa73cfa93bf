namespace BackgroundRoles.Jobs.Internal;

/// <summary>Exceptions after which the process cannot be trusted; never handled as a job failure.</summary>
internal static class Fatal
{
    public static bool IsFatal(Exception exception) => exception switch
    {
        InsufficientMemoryException => false,
        OutOfMemoryException or StackOverflowException or AccessViolationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsFatal),
        _ => false,
    };
}
