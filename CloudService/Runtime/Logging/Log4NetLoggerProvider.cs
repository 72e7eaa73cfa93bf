using System.Collections.Concurrent;
using System.Reflection;
using log4net;
using log4net.Appender;
using log4net.Config;
using log4net.Layout;
using log4net.Repository;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Logging;

/// <summary>
/// Routes <see cref="ILogger"/> to log4net, configured by a <c>log4net.config</c> file beside the role.
/// The config can use <c>%property{InstanceId}</c> and <c>%property{LogDirectory}</c> (a rolling file per instance).
/// </summary>
public sealed class Log4NetLoggerProvider : ILoggerProvider
{
    /// <summary>The file the provider reads beside the application.</summary>
    public const string ConfigFileName = "log4net.config";

    private const string FallbackPattern = "%utcdate{HH:mm:ss.fff} %-5level [%property{InstanceId}] %logger{1}: %message%newline%exception";

    private readonly ILoggerRepository _repository;
    private readonly ConcurrentDictionary<string, Log4NetLogger> _loggers = new(StringComparer.Ordinal);

    private Log4NetLoggerProvider(ILoggerRepository repository)
    {
        _repository = repository;
    }

    /// <summary>
    /// Configures log4net from <paramref name="configPath"/> (or a console-only fallback when the file is
    /// missing) with the instance's id and log folder as properties.
    /// </summary>
    public static Log4NetLoggerProvider Configure(string configPath, string instanceId, string logDirectory)
    {
        GlobalContext.Properties["InstanceId"] = instanceId;
        GlobalContext.Properties["LogDirectory"] = logDirectory;
        var repository = LogManager.GetRepository(Assembly.GetEntryAssembly() ?? typeof(Log4NetLoggerProvider).Assembly);
        if (File.Exists(configPath))
        {
            XmlConfigurator.Configure(repository, new FileInfo(configPath));
        }
        else
        {
            // No config beside the role: the console only, in the same shape as the shipped config.
            var layout = new PatternLayout(FallbackPattern);
            layout.ActivateOptions();
            var console = new ConsoleAppender { Layout = layout };
            console.ActivateOptions();
            BasicConfigurator.Configure(repository, console);
        }

        return new Log4NetLoggerProvider(repository);
    }

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, name => new Log4NetLogger(LogManager.GetLogger(_repository.Name, name)));

    public void Dispose() => _repository.Shutdown();

    private sealed class Log4NetLogger(ILog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel switch
        {
            LogLevel.Trace or LogLevel.Debug => log.IsDebugEnabled,
            LogLevel.Information => log.IsInfoEnabled,
            LogLevel.Warning => log.IsWarnEnabled,
            LogLevel.Error => log.IsErrorEnabled,
            LogLevel.Critical => log.IsFatalEnabled,
            _ => false,
        };

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            switch (logLevel)
            {
                case LogLevel.Trace:
                case LogLevel.Debug:
                    log.Debug(message, exception);
                    break;
                case LogLevel.Information:
                    log.Info(message, exception);
                    break;
                case LogLevel.Warning:
                    log.Warn(message, exception);
                    break;
                case LogLevel.Error:
                    log.Error(message, exception);
                    break;
                default:
                    log.Fatal(message, exception);
                    break;
            }
        }
    }
}
