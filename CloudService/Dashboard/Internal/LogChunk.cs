namespace BackgroundRoles.Dashboard.Internal;

/// <summary>Lines of a log file: from byte <paramref name="From"/> to <paramref name="To"/>, where the next read starts.</summary>
internal sealed record LogChunk(long From, long To, bool Reset, IReadOnlyList<string> Lines);
