using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Logging;

/// <summary>Builds the logger factory of a role process: log4net as the only sink.</summary>
public static class RoleLogging
{
    public static (ILoggerFactory Factory, ILoggerProvider Provider) CreateFactory(string instanceId, string logDirectory)
    {
        Directory.CreateDirectory(logDirectory);
        var provider = Log4NetLoggerProvider.Configure(
            Path.Combine(AppContext.BaseDirectory, Log4NetLoggerProvider.ConfigFileName), instanceId, logDirectory);
        return (LoggerFactory.Create(builder => builder.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(provider)), provider);
    }
}
