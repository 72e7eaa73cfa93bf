namespace BackgroundRoles.Export;

/// <summary>Something of the service that the export could not map, or mapped with a difference to know about.</summary>
/// <param name="Subject">What it is, such as <c>WorkerRole/InstanceInputEndpoint Ssh</c>.</param>
/// <param name="Reason">Why, and what to do instead.</param>
public sealed record ExportNote(string Subject, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{Subject}: {Reason}";
}
