using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackgroundRoles.Logging;

/// <summary>
/// The logger factory of the role process, for role code that the host creates with a parameterless
/// constructor (a RoleEntryPoint has no dependency injection). Null logging when no host installed one.
/// </summary>
public static class RoleLoggerFactory
{
    private static ILoggerFactory? s_factory;
    private static ILoggerProvider? s_provider;

    public static ILoggerFactory Current => Volatile.Read(ref s_factory) ?? NullLoggerFactory.Instance;

    /// <summary>
    /// The process's log4net provider for another logging pipeline (ASP.NET Core's), wrapped so that the other
    /// pipeline's dispose does not shut log4net down under the host.
    /// </summary>
    public static ILoggerProvider SharedProvider => new SharedLoggerProvider(Volatile.Read(ref s_provider) ?? NullLoggerProvider.Instance);

    public static ILogger<T> CreateLogger<T>() => Current.CreateLogger<T>();

    internal static void Install(ILoggerFactory? factory, ILoggerProvider? provider)
    {
        Volatile.Write(ref s_factory, factory);
        Volatile.Write(ref s_provider, provider);
    }

    private sealed class SharedLoggerProvider(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
