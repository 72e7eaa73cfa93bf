using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>
/// The sample shop's payment provider: a payment record per order in table storage. Customers at the
/// <see cref="SampleServices"/> domains are declined or find the service down.
/// </summary>
internal sealed class PaymentService(JobStorage storage, TimeProvider time)
{
    private const string Partition = "payment";

    private readonly DocumentTable<Payment> _table = storage.Table<Payment>(JobQueues.PaymentsTable);

    public async Task ChargeAsync(string orderId, OrderJob order, CancellationToken cancellationToken)
    {
        if (SampleServices.IsAt(order.CustomerEmail, SampleServices.DeclinedDomain))
        {
            throw new OrderStepException("the payment was declined", permanent: true);
        }

        if (SampleServices.IsAt(order.CustomerEmail, SampleServices.PaymentsDownDomain))
        {
            throw new OrderStepException("the payment service is unavailable");
        }

        await _table.TryInsertAsync(Partition, orderId, new Payment(order.Total, PaymentState.Charged, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    public async Task RefundAsync(string orderId, CancellationToken cancellationToken)
    {
        while (await _table.GetAsync(Partition, orderId, cancellationToken).ConfigureAwait(false) is { } payment
            && payment.Value.State != PaymentState.Refunded)
        {
            if (await _table.TryReplaceAsync(Partition, orderId, payment.Value with { State = PaymentState.Refunded, At = time.GetUtcNow() }, payment.ETag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}

internal sealed record Payment(decimal Amount, PaymentState State, DateTimeOffset At);

internal enum PaymentState
{
    Charged,
    Refunded,
}
