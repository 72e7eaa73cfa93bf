using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>
/// Stock levels in table storage; every change is ETag-guarded, so concurrent workers never lose an update, and made
/// once per order and product (a marker row written in the same transaction), so a redelivered order never moves
/// stock twice. The
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

    /// <summary>
    /// Takes <paramref name="quantity"/> units for <paramref name="orderId"/>, once: a retry (a redelivered order whose
    /// worker died after the change but before it recorded it) finds the change's marker and takes nothing more. A
    /// permanent failure when the product is unknown or short.
    /// </summary>
    public Task ReserveAsync(string orderId, string sku, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync($"{orderId}.reserve.{sku}", sku, -quantity, cancellationToken);

    /// <summary>Gives back what <see cref="ReserveAsync"/> took for <paramref name="orderId"/>, once.</summary>
    public Task ReleaseAsync(string orderId, string sku, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync($"{orderId}.release.{sku}", sku, quantity, cancellationToken);

    /// <summary>The units of <paramref name="sku"/> in stock now; null for an unknown product.</summary>
    public async Task<int?> AvailableAsync(string sku, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken).ConfigureAwait(false);
        return (await _table.GetAsync(Partition, sku, cancellationToken).ConfigureAwait(false))?.Value.Available;
    }

    // The stock level and the change's marker row share the partition, so they are written in one transaction.
    private async Task ChangeAsync(string marker, string sku, int delta, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var current = await _table.GetAsync(Partition, sku, cancellationToken).ConfigureAwait(false)
                ?? throw new OrderStepException($"unknown product {sku}", permanent: true);
            var available = current.Value.Available + delta;
            if (available < 0)
            {
                if (await _table.ExistsAsync(Partition, marker, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                throw new OrderStepException($"only {current.Value.Available} of {sku} in stock", permanent: true);
            }

            if (await _table.TryReplaceMarkedAsync(Partition, sku, new StockLevel(available), current.ETag, marker, cancellationToken).ConfigureAwait(false)
                is not MarkedReplaceResult.Changed)
            {
                return;
            }
        }
    }
}

internal sealed record StockLevel(int Available);
