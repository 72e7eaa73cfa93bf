using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>The sample shop's carrier: a shipment record per order; down for customers at <see cref="SampleServices.CarrierDownDomain"/>.</summary>
internal sealed class ShippingService(JobStorage storage, TimeProvider time)
{
    private const string Partition = "shipment";

    private readonly DocumentTable<Shipment> _table = storage.Table<Shipment>(JobQueues.ShipmentsTable);

    public async Task ShipAsync(string orderId, OrderJob order, CancellationToken cancellationToken)
    {
        if (SampleServices.IsAt(order.CustomerEmail, SampleServices.CarrierDownDomain))
        {
            throw new OrderStepException("the carrier is unavailable");
        }

        var tracking = "TRK-" + orderId[..Math.Min(12, orderId.Length)].ToUpperInvariant();
        await _table.TryInsertAsync(Partition, orderId, new Shipment(tracking, order.Items.Sum(i => i.Quantity), time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }
}

internal sealed record Shipment(string TrackingNumber, int Units, DateTimeOffset At);
