using System.Text.Json;
using System.Threading.Channels;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// Pushes the overview to every open page: a snapshot for each change of the source (taken on the pool, since the
/// source raises its event on the thread that made the change, which may hold its locks), serialized once for all
/// pages, and one every <see cref="DashboardDefaults.PushInterval"/> so uptimes move. A page that falls behind by
/// <see cref="DashboardDefaults.MaxPendingPushes"/> loses the oldest snapshots, never the newest.
/// </summary>
internal sealed class LiveFeed : IDisposable
{
    private readonly IDashboardSource _source;
    private readonly Lock _gate = new();
    private readonly List<Channel<byte[]>> _pages = [];
    private readonly ITimer _timer;

    public LiveFeed(IDashboardSource source, TimeProvider time)
    {
        _source = source;
        _source.Changed += OnChanged;
        _timer = time.CreateTimer(_ => Publish(), null, DashboardDefaults.PushInterval, DashboardDefaults.PushInterval);
    }

    /// <summary>A page's feed: each item a snapshot's JSON; completed when the dashboard stops.</summary>
    public ChannelReader<byte[]> Subscribe()
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(DashboardDefaults.MaxPendingPushes)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        channel.Writer.TryWrite(Serialize());
        lock (_gate)
        {
            _pages.Add(channel);
        }

        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<byte[]> reader)
    {
        lock (_gate)
        {
            _pages.RemoveAll(c => c.Reader == reader);
        }
    }

    public void Dispose()
    {
        _source.Changed -= OnChanged;
        _timer.Dispose();
        lock (_gate)
        {
            foreach (var page in _pages)
            {
                page.Writer.TryComplete();
            }

            _pages.Clear();
        }
    }

    private void OnChanged(object? sender, EventArgs e) => ThreadPool.UnsafeQueueUserWorkItem(_ => Publish(), null);

    private void Publish()
    {
        Channel<byte[]>[] pages;
        lock (_gate)
        {
            if (_pages.Count == 0)
            {
                return;
            }

            pages = [.. _pages];
        }

        var json = Serialize();
        foreach (var page in pages)
        {
            page.Writer.TryWrite(json);
        }
    }

    private byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_source.GetSnapshot(), DashboardJson.Options);
}
