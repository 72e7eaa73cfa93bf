namespace BackgroundRoles.Porting;

/// <summary>The input cannot be ported as given (no such file, not a classic project, an output folder in the way); the message says what and where.</summary>
public sealed class PortingException : Exception
{
    public PortingException()
    {
    }

    public PortingException(string message)
        : base(message)
    {
    }

    public PortingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
