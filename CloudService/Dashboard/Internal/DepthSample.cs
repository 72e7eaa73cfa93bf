namespace BackgroundRoles.Dashboard.Internal;

/// <summary>A queue's approximate depth at a moment.</summary>
internal sealed record DepthSample(DateTimeOffset At, int Depth);
