namespace BackgroundRoles.Fabric.Packaging;

/// <summary>A role could not be packaged; the message says which and why.</summary>
public sealed class PackagingException : Exception
{
    public PackagingException()
    {
    }

    public PackagingException(string message)
        : base(message)
    {
    }

    public PackagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
