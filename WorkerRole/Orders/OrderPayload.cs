using System.Text.Json;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>
/// Reads an order job's payload and holds it to the contract (<see cref="OrderJob.Validate"/>), the rules the web
/// role applies: a message from an older web role or written by hand is judged the same. One that fails can never
/// succeed, so it is poison at once, with every problem named.
/// </summary>
internal static class OrderPayload
{
    /// <exception cref="PoisonJobException">The payload is not an order's JSON, or the order is not valid.</exception>
    public static OrderJob Read(string payload)
    {
        OrderJob? order;
        try
        {
            order = JsonSerializer.Deserialize<OrderJob>(payload, JsonOptions.Web);
        }
        catch (JsonException e)
        {
            throw new PoisonJobException($"The order job's payload is not an order: {e.Message}");
        }

        if (order is null)
        {
            throw new PoisonJobException("The order job has no payload.");
        }

        var errors = order.Validate();
        return errors.Count == 0 ? order : throw new PoisonJobException("The order is not valid: " + ContractValidation.Describe(errors));
    }
}
