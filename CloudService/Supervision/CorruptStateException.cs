namespace BackgroundRoles.Supervision;

/// <summary>
/// Thrown by a background task when state shared between tasks can no longer be trusted. With the default
/// <see cref="SupervisorOptions.IsCorruptState"/>, the supervisor cancels every task and escalates instead of restarting.
/// </summary>
public class CorruptStateException : Exception
{
    public CorruptStateException()
    {
    }

    public CorruptStateException(string message)
        : base(message)
    {
    }

    public CorruptStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
