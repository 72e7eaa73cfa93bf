using System.Collections.Concurrent;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>Counts calls per key, thread-safe.</summary>
internal sealed class Counter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Increment(string key) => _counts.AddOrUpdate(key, 1, (_, count) => count + 1);

    public int this[string key] => _counts.TryGetValue(key, out var count) ? count : 0;
}
