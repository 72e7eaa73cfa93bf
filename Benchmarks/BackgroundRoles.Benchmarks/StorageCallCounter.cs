using System.Diagnostics.Metrics;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Counts every HTTP request this process sends, by the port it went to, from the runtime's own
/// <c>System.Net.Http</c> meter (<c>http.client.request.duration</c>, one measurement per request, failed ones too).
/// Every storage client in the harness (WindowsAzure.Storage under the jobs library and the baselines, Azure.Storage.Queues
/// under the WebJobs SDK) sends through HttpClient, so the calls each consumer makes are counted, not estimated; an
/// entity group transaction is one request, as it is one call for the storage service.
/// </summary>
internal sealed class StorageCallCounter : IDisposable
{
    private const string MeterName = "System.Net.Http";
    private const string InstrumentName = "http.client.request.duration";
    private const string PortTag = "server.port";

    private readonly MeterListener _listener = new();
    private readonly int[] _ports;
    private readonly long[] _counts;

    /// <param name="ports">The ports to count separately (Azurite's blob, queue and table ports); others are not counted.</param>
    public StorageCallCounter(params int[] ports)
    {
        _ports = ports;
        _counts = new long[ports.Length];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == PortTag && tag.Value is not null)
                {
                    int index = Array.IndexOf(_ports, Convert.ToInt32(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
                    if (index >= 0)
                    {
                        Interlocked.Increment(ref _counts[index]);
                    }

                    return;
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The requests counted so far to each port, in the order of the constructor's ports.</summary>
    public long[] Read() => [.. _counts.Select(count => Interlocked.Read(ref count))];

    public void Dispose() => _listener.Dispose();
}
