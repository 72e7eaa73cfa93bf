namespace BackgroundRoles.Hosting.Protocol;

/// <summary>A line <see cref="ChannelLineReader"/> read: its text, or <see cref="TooLong"/> (no text) when it passed the cap.</summary>
public sealed record ChannelLine(string? Text)
{
    /// <summary>A line longer than the cap: its bytes were not kept.</summary>
    public static ChannelLine TooLong { get; } = new((string?)null);

    public bool IsTooLong => Text is null;
}
