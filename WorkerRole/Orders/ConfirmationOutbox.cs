using System.Globalization;
using System.Text;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>Writes the confirmation email of an order to the outbox container, one message per order (rewriting it is harmless).</summary>
internal sealed class ConfirmationOutbox(JobStorage storage)
{
    public static string MessageName(string orderId) => orderId + ".eml";

    public async Task WriteAsync(string orderId, OrderJob order, CancellationToken cancellationToken)
    {
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"To: {order.CustomerEmail}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Subject: Your order {orderId} is on its way\r\n\r\n")
            .Append("Thank you for your order:\r\n");
        foreach (var line in order.Items)
        {
            body.Append(CultureInfo.InvariantCulture, $"  {line.Quantity} x {line.Sku} at {line.UnitPrice:0.00}\r\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"Total charged: {order.Total:0.00}\r\n");
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(body.ToString()));
        await storage.Blobs.UploadAsync(JobQueues.OutboxContainer, MessageName(orderId), content, "message/rfc822", cancellationToken).ConfigureAwait(false);
    }
}
