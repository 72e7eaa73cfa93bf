using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>The autoscaler's log events (ids 7100-7109).</summary>
public sealed partial class Autoscaler
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Autoscale {Role}: {From} -> {To} ({Reason})")]
    private static partial void LogScaled(ILogger logger, string role, int from, int to, string reason);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Autoscale {Role}: {From} -> {To} refused, tried again next round: {Refusal}")]
    private static partial void LogRefused(ILogger logger, string role, int from, int to, string refusal);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Autoscale {Role}: queue lengths cannot be read, no decision this round: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string role, string error);
}
