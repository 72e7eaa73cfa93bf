using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using BackgroundRoles.WorkerRole.Orders;

namespace BackgroundRoles.WorkerRole.Tests.Orders;

/// <summary>
/// Stock moved once per order, against a real Azurite. Regression test for the chaos suite's kill scenario (issue 9):
/// a worker killed after taking stock but before recording it took the stock again for the redelivered order.
/// </summary>
[TestClass]
public sealed class InventoryTests
{
    private const string Sku = "sku-pear";

    [TestMethod]
    public async Task ReserveAsync_SameOrderTwice_TakesTheStockOnce()
    {
        var inventory = new Inventory(JobStorage.Create(TestAzurite.ConnectionString));
        var order = Guid.NewGuid().ToString("N");
        var before = await inventory.AvailableAsync(Sku, CancellationToken.None);

        await inventory.ReserveAsync(order, Sku, 3, CancellationToken.None);
        await inventory.ReserveAsync(order, Sku, 3, CancellationToken.None);

        Assert.AreEqual(before - 3, await inventory.AvailableAsync(Sku, CancellationToken.None));
    }

    [TestMethod]
    public async Task ReleaseAsync_SameOrderTwice_GivesTheStockBackOnce()
    {
        var inventory = new Inventory(JobStorage.Create(TestAzurite.ConnectionString));
        var order = Guid.NewGuid().ToString("N");
        var before = await inventory.AvailableAsync(Sku, CancellationToken.None);
        await inventory.ReserveAsync(order, Sku, 2, CancellationToken.None);

        await inventory.ReleaseAsync(order, Sku, 2, CancellationToken.None);
        await inventory.ReleaseAsync(order, Sku, 2, CancellationToken.None);

        Assert.AreEqual(before, await inventory.AvailableAsync(Sku, CancellationToken.None));
    }

    [TestMethod]
    public async Task ReserveAsync_TwoOrders_TakeTheirOwnStock()
    {
        var inventory = new Inventory(JobStorage.Create(TestAzurite.ConnectionString));
        var before = await inventory.AvailableAsync(Sku, CancellationToken.None);

        await Task.WhenAll(
            inventory.ReserveAsync(Guid.NewGuid().ToString("N"), Sku, 1, CancellationToken.None),
            inventory.ReserveAsync(Guid.NewGuid().ToString("N"), Sku, 1, CancellationToken.None));

        Assert.AreEqual(before - 2, await inventory.AvailableAsync(Sku, CancellationToken.None));
    }
}
