namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>A step of the order workflow failed; a permanent failure is compensated at once, a transient one retried.</summary>
internal sealed class OrderStepException : Exception
{
    public OrderStepException()
    {
    }

    public OrderStepException(string message)
        : base(message)
    {
    }

    public OrderStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrderStepException(string message, bool permanent)
        : base(message)
    {
        IsPermanent = permanent;
    }

    public bool IsPermanent { get; }
}
