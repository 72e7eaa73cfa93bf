using System.Net.Sockets;
using BackgroundRoles.LoadBalancing.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.LoadBalancing;

public sealed partial class TcpLoadBalancer
{
    /// <summary>The TCP balancer's log messages; event ids come from <see cref="LoadBalancerEventIds"/>.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = LoadBalancerEventIds.NoBackend, Level = LogLevel.Warning, Message = "{Endpoint}: no instance takes connections now; the client's connection is closed")]
        public static partial void NoBackend(ILogger logger, string endpoint);

        [LoggerMessage(EventId = LoadBalancerEventIds.ConnectFailed, Level = LogLevel.Debug, Message = "{Endpoint}: {Backend} did not accept the connection; trying the next instance")]
        public static partial void ConnectFailed(ILogger logger, string endpoint, Uri backend);

        [LoggerMessage(EventId = LoadBalancerEventIds.NoBackendAccepted, Level = LogLevel.Warning, Message = "{Endpoint}: none of {Count} instances accepted the connection; the client's connection is closed")]
        public static partial void NoBackendAccepted(ILogger logger, string endpoint, int count);

        [LoggerMessage(EventId = LoadBalancerEventIds.AcceptFailed, Level = LogLevel.Warning, Message = "{Endpoint}: accepting a connection failed ({Error}); accepting again shortly")]
        public static partial void AcceptFailed(ILogger logger, string endpoint, SocketError error);

        [LoggerMessage(EventId = LoadBalancerEventIds.ClosedIdle, Level = LogLevel.Information, Message = "{Endpoint}: a connection carried nothing for {Seconds} s (the idle timeout) and was closed")]
        public static partial void ClosedIdle(ILogger logger, string endpoint, double seconds);
    }
}
