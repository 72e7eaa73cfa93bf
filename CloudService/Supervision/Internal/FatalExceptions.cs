namespace BackgroundRoles.Supervision.Internal;

/// <summary>Exceptions after which the process cannot be trusted; they are never handled as an ordinary failure.</summary>
internal static class FatalExceptions
{
    public static bool IsFatal(Exception exception) => exception switch
    {
        // InsufficientMemoryException is an OutOfMemoryException thrown before anything was allocated: recoverable.
        InsufficientMemoryException => false,
        OutOfMemoryException or StackOverflowException or AccessViolationException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsFatal),
        _ => false,
    };
}
