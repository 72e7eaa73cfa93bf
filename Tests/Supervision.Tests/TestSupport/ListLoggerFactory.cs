using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Supervision.Tests.TestSupport;

/// <summary>Gives every category the same <see cref="ListLogger"/>, so a test sees the kit's logs and its tasks' in one list.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    public ListLogger Logger { get; } = new();

    public ILogger CreateLogger(string categoryName) => Logger;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
