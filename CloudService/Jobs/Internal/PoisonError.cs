namespace BackgroundRoles.Jobs.Internal;

/// <summary>The error of a poisoned job: the exception's type name and message.</summary>
internal sealed record PoisonError(string Type, string Message)
{
    private const int MaxMessageLength = 2048;

    public static PoisonError From(Exception exception) =>
        new(exception.GetType().FullName ?? exception.GetType().Name, Truncate(exception.Message));

    /// <summary>The error as the status record shows it: "Type: message".</summary>
    public override string ToString() => $"{Type}: {Message}";

    private static string Truncate(string message) =>
        message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength), "...");
}
