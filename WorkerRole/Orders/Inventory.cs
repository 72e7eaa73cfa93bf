using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>
/// Stock levels in table storage; every change is ETag-guarded, so concurrent workers never lose an update. The
/// catalogue's products are added with their initial stock before the first change (existing levels are left alone),
/// so the role's start needs no storage call.
/// </summary>
internal sealed class Inventory(JobStorage storage)
{
    private const string Partition = "stock";

    private readonly DocumentTable<StockLevel> _table = storage.Table<StockLevel>(JobQueues.InventoryTable);
    private readonly Lock _seedGate = new();
    private Task? _seeding;

    /// <summary>Adds the catalogue's products with their initial stock, once per process; a failed attempt is tried again next time.</summary>
    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        Task seeding;
        lock (_seedGate)
        {
            seeding = _seeding is { IsFaulted: false, IsCanceled: false } ? _seeding : _seeding = SeedOnceAsync();
        }

        await seeding.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SeedOnceAsync()
    {
        foreach (var sku in Catalogue.Prices.Keys)
        {
            await _table.TryInsertAsync(Partition, sku, new StockLevel(Catalogue.InitialStock), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Takes <paramref name="quantity"/> units; a permanent failure when the product is unknown or short.</summary>
    public Task ReserveAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(sku, -quantity, cancellationToken);

    public Task ReleaseAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(sku, quantity, cancellationToken);

    private async Task ChangeAsync(string sku, int delta, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var current = await _table.GetAsync(Partition, sku, cancellationToken).ConfigureAwait(false)
                ?? throw new OrderStepException($"unknown product {sku}", permanent: true);
            var available = current.Value.Available + delta;
            if (available < 0)
            {
                throw new OrderStepException($"only {current.Value.Available} of {sku} in stock", permanent: true);
            }

            if (await _table.TryReplaceAsync(Partition, sku, new StockLevel(available), current.ETag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}

internal sealed record StockLevel(int Available);
