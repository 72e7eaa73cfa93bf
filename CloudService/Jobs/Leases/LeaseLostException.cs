namespace BackgroundRoles.Jobs.Leases;

/// <summary>Work under a lease was cancelled because the lease could not be renewed; another instance may hold it.</summary>
public sealed class LeaseLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LeaseLostException()
        : base("The lease was lost.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal LeaseLostException(string lease, string reason, Exception? innerException = null)
        : base($"The lease {lease} was lost: {reason}.", innerException)
    {
    }
}
