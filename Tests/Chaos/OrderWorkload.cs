using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Orders of one unit of <see cref="ChaosLimits.Sku"/> submitted through the web role's HTTP API, each with an
/// Idempotency-Key of its own (so a retried submission never places a second order), followed to their end
/// through storage; side effects are counted in storage as the worker writes them: the stock taken, a payment per order.
/// </summary>
internal sealed class OrderWorkload
{
    private readonly HttpClient _http;
    private readonly JobStorage _storage;
    private readonly string _prefix;
    private readonly List<string> _accepted = [];
    private int _submitted;

    public OrderWorkload(HttpClient http, JobStorage storage, string prefix)
    {
        _http = http;
        _storage = storage;
        _prefix = prefix;
    }

    /// <summary>The ids of the jobs the web role accepted (202), in the order they were.</summary>
    public IReadOnlyList<string> Accepted
    {
        get
        {
            lock (_accepted)
            {
                return [.. _accepted];
            }
        }
    }

    /// <summary>Submits one order; its status code, or null when no answer came (connection error, timeout).</summary>
    public async Task<HttpStatusCode?> SubmitOneAsync()
    {
        int number = Interlocked.Increment(ref _submitted);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerEmail = $"{_prefix}{number}@example.com", items = new[] { new { sku = ChaosLimits.Sku, quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", $"{_prefix}-{number}");
        try
        {
            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
                lock (_accepted)
                {
                    _accepted.Add(body.GetProperty("jobId").GetString()!);
                }
            }

            return response.StatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Submits <paramref name="count"/> orders, <see cref="ChaosLimits.SubmitConcurrency"/> at a time.</summary>
    public async Task SubmitAsync(int count)
    {
        int left = count;
        var lanes = Enumerable.Range(0, ChaosLimits.SubmitConcurrency).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await SubmitOneAsync().ConfigureAwait(false);
            }
        });
        await Task.WhenAll(lanes).ConfigureAwait(false);
    }

    /// <summary>The stock of the chaos product now (the catalogue's initial stock until the first order).</summary>
    public async Task<int> StockAsync() =>
        (await _storage.Table<StockLevel>(JobQueues.InventoryTable).GetAsync("stock", ChaosLimits.Sku, CancellationToken.None).ConfigureAwait(false))?.Value.Available
        ?? Catalogue.InitialStock;

    /// <summary>
    /// Waits until every accepted job has ended (Succeeded, Failed, Poisoned) or <paramref name="timeout"/> passed;
    /// the final states by job (null: not ended, or no status record) and the time it took.
    /// </summary>
    public async Task<(Dictionary<string, JobState?> States, TimeSpan Elapsed)> WaitForEndAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var states = Accepted.ToDictionary(id => id, _ => (JobState?)null);
        while (true)
        {
            foreach (var id in states.Where(entry => entry.Value is null).Select(entry => entry.Key).ToList())
            {
                var status = await TryGetStatusAsync(id).ConfigureAwait(false);
                if (status is { IsFinal: true })
                {
                    states[id] = status.State;
                }
            }

            if (states.Values.All(state => state is not null) || clock.Elapsed > timeout)
            {
                return (states, clock.Elapsed);
            }

            await Task.Delay(ChaosLimits.PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// What the ended jobs did to storage: units of stock taken beyond one per succeeded order (double effects),
    /// succeeded orders with no charge, and orders charged (not refunded) that did not succeed.
    /// </summary>
    public async Task<SideEffects> CountSideEffectsAsync(int stockBefore, IReadOnlyDictionary<string, JobState?> states)
    {
        int taken = stockBefore - await StockAsync().ConfigureAwait(false);
        int succeeded = states.Values.Count(state => state == JobState.Succeeded);
        var payments = _storage.Table<Payment>(JobQueues.PaymentsTable);
        int uncharged = 0;
        int chargedNotSucceeded = 0;
        foreach (var (id, state) in states)
        {
            var payment = (await payments.GetAsync("payment", id, CancellationToken.None).ConfigureAwait(false))?.Value;
            bool charged = payment is { State: PaymentState.Charged };
            uncharged += state == JobState.Succeeded && !charged ? 1 : 0;
            chargedNotSucceeded += state != JobState.Succeeded && charged ? 1 : 0;
        }

        return new SideEffects(taken, succeeded, uncharged, chargedNotSucceeded);
    }

    private async Task<JobStatus?> TryGetStatusAsync(string id)
    {
        try
        {
            return await _storage.Statuses.GetAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (JobStorageException)
        {
            // Storage is away (the outage scenario): the job is not known to have ended yet.
            return null;
        }
    }

    /// <summary>Side effects counted in storage after the jobs ended.</summary>
    /// <param name="StockTaken">Units of the chaos product taken from stock during the run.</param>
    /// <param name="Succeeded">Orders that ended Succeeded (each took exactly one unit).</param>
    /// <param name="SucceededWithoutCharge">Succeeded orders with no Charged payment.</param>
    /// <param name="ChargedNotSucceeded">Orders charged and not refunded that did not end Succeeded.</param>
    public sealed record SideEffects(int StockTaken, int Succeeded, int SucceededWithoutCharge, int ChargedNotSucceeded)
    {
        /// <summary>Units taken beyond one per succeeded order: an effect that happened twice (negative: stock never taken).</summary>
        public int ExtraStock => StockTaken - Succeeded;
    }

    /// <summary>The worker role's stock record, read back from table storage in its shape.</summary>
    private sealed record StockLevel(int Available);

    /// <summary>The worker role's payment record, read back from table storage in its shape.</summary>
    private sealed record Payment(decimal Amount, PaymentState State, DateTimeOffset At);

    private enum PaymentState
    {
        Charged,
        Refunded,
    }
}
