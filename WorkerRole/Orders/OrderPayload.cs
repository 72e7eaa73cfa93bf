using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>
/// Holds an order job's payload to the contract (<see cref="OrderJob.Validate"/>), the rules the web role applies: a
/// message from an older web role or written by hand is judged the same. One that fails can never succeed, so it is
/// poison at once, with every problem named. (A payload that is not an order's JSON at all is poisoned before the
/// handler runs, by the typed handler binding.)
/// </summary>
internal static class OrderPayload
{
    /// <exception cref="PoisonJobException">The order is not valid.</exception>
    public static void Check(OrderJob order)
    {
        var errors = order.Validate();
        if (errors.Count > 0)
        {
            throw new PoisonJobException("The order is not valid: " + ContractValidation.Describe(errors));
        }
    }
}
