namespace BackgroundRoles.Jobs.Inspection;

/// <summary>A queue of the account with its approximate depth; a poison queue names the queue it belongs to.</summary>
/// <param name="Name">The queue's name.</param>
/// <param name="ApproximateDepth">The storage service's approximate message count.</param>
/// <param name="SourceQueue">For a <c>&lt;queue&gt;-poison</c> queue, the queue its messages came from; else null.</param>
public sealed record QueueSummary(string Name, int ApproximateDepth, string? SourceQueue)
{
    /// <summary>True for a <c>&lt;queue&gt;-poison</c> queue.</summary>
    public bool IsPoison => SourceQueue is not null;
}
