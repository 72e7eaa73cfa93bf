using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackgroundRoles.Compat;
using BackgroundRoles.Compat.Diagnostics;
using BackgroundRoles.Logging;
using Microsoft.Extensions.Logging;

namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>
/// The SDK's trace listener: what <see cref="Trace"/> and a <see cref="TraceSource"/> write goes to the instance's
/// log4net log, through the role host's logger factory. A trace event keeps its level (Verbose and the activity
/// events as Debug) and its source as the logger name; <c>Write</c>/<c>WriteLine</c> carry no level and are logged
/// at Information under the logger <c>Trace</c>, so the shipped log4net.config (INFO and above) keeps them.
/// </summary>
/// <remarks>
/// A role whose entry point derives from the SDK's RoleEntryPoint already has one in <see cref="Trace.Listeners"/>;
/// that one steps aside when code adds its own, so a line is never logged twice.
/// </remarks>
public class DiagnosticMonitorTraceListener : TraceListener
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _pending = new();

    public DiagnosticMonitorTraceListener()
        : base(CompatDefaults.TraceListenerName)
    {
    }

    public override bool IsThreadSafe => true;

    /// <summary>Set on the listeners the compat layer installs: they step aside when this collection has another one.</summary>
    internal TraceListenerCollection? StandsInFor { get; set; }

    public override void Write(string? message)
    {
        if (!StepsAside())
        {
            lock (_gate)
            {
                _pending.Append(message);
            }
        }
    }

    public override void WriteLine(string? message)
    {
        if (StepsAside())
        {
            return;
        }

        string line;
        lock (_gate)
        {
            line = _pending.Append(message).ToString();
            _pending.Clear();
        }

        Emit(CompatDefaults.TraceCategory, Microsoft.Extensions.Logging.LogLevel.Information, line);
    }

    public override void Fail(string? message, string? detailMessage) =>
        Emit(CompatDefaults.TraceCategory, Microsoft.Extensions.Logging.LogLevel.Error, string.IsNullOrEmpty(detailMessage) ? message ?? string.Empty : $"{message} {detailMessage}");

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id) =>
        TraceEvent(eventCache, source, eventType, id, string.Empty);

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message)
    {
        if (!StepsAside() && Filter?.ShouldTrace(eventCache, source, eventType, id, message, null, null, null) != false)
        {
            Emit(source, LevelOf(eventType), message ?? string.Empty);
        }
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args)
    {
        if (!StepsAside() && Filter?.ShouldTrace(eventCache, source, eventType, id, format, args, null, null) != false)
        {
            var message = args is null || args.Length == 0 || format is null ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            Emit(source, LevelOf(eventType), message ?? string.Empty);
        }
    }

    public override void TraceData(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, object? data)
    {
        if (!StepsAside() && Filter?.ShouldTrace(eventCache, source, eventType, id, null, null, data, null) != false)
        {
            Emit(source, LevelOf(eventType), Convert.ToString(data, CultureInfo.InvariantCulture) ?? string.Empty);
        }
    }

    public override void TraceData(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, params object?[]? data)
    {
        if (!StepsAside() && Filter?.ShouldTrace(eventCache, source, eventType, id, null, null, null, data) != false)
        {
            Emit(source, LevelOf(eventType), string.Join(", ", (data ?? []).Select(d => Convert.ToString(d, CultureInfo.InvariantCulture))));
        }
    }

    private static Microsoft.Extensions.Logging.LogLevel LevelOf(TraceEventType eventType) => eventType switch
    {
        TraceEventType.Critical => Microsoft.Extensions.Logging.LogLevel.Critical,
        TraceEventType.Error => Microsoft.Extensions.Logging.LogLevel.Error,
        TraceEventType.Warning => Microsoft.Extensions.Logging.LogLevel.Warning,
        TraceEventType.Information => Microsoft.Extensions.Logging.LogLevel.Information,
        _ => Microsoft.Extensions.Logging.LogLevel.Debug,
    };

    private static void Emit(string category, Microsoft.Extensions.Logging.LogLevel level, string message) =>
        CompatLog.Traced(RoleLoggerFactory.Current.CreateLogger(string.IsNullOrEmpty(category) ? CompatDefaults.TraceCategory : category), level, message);

    private bool StepsAside()
    {
        if (StandsInFor is not { } collection)
        {
            return false;
        }

        try
        {
            foreach (TraceListener listener in collection)
            {
                if (listener is DiagnosticMonitorTraceListener other && other != this && other.StandsInFor is null)
                {
                    return true;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The collection changed while it was read (a listener added at that moment): this line is written once anyway.
        }

        return false;
    }
}
