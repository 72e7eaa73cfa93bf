namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// Keeps each listing the pages poll for <see cref="DashboardDefaults.ListingCacheTime"/> on the dashboard's clock, so
/// many open pages cost one storage read per period. Callers asking while a read runs share it; a read that failed is
/// not kept, so the next call reads again.
/// </summary>
internal sealed class ListingCache(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The listing under <paramref name="key"/>: the kept one while it is fresh, else what <paramref name="read"/> gives now.</summary>
    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken ct)
        where T : class
    {
        Entry entry;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_entries.TryGetValue(key, out entry!) || now - entry.ReadAt >= DashboardDefaults.ListingCacheTime || entry.Listing.IsFaulted || entry.Listing.IsCanceled)
            {
                // The read is the cache's, not one request's: a page closed mid-read must not fail the others waiting for it.
                entry = new Entry(now, Task.Run(async () => (object)await read(CancellationToken.None).ConfigureAwait(false)));
                _entries[key] = entry;
            }
        }

        return (T)await entry.Listing.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Drops every kept listing: the next call reads storage (after a change made from the page).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(DateTimeOffset ReadAt, Task<object> Listing);
}
