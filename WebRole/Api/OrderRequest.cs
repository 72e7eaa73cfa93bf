using BackgroundRoles.Contracts;

namespace BackgroundRoles.WebRole.Api;

/// <summary>The body of <c>POST /api/orders</c>.</summary>
public sealed record OrderRequest(string? CustomerEmail, IReadOnlyList<OrderRequestLine?>? Items)
{
    /// <summary>
    /// Every problem by field, as problem details' <c>errors</c>; empty when the order is valid. The rules are the
    /// contract's (<see cref="OrderJob.Validate"/>), the same the worker role holds a message to.
    /// </summary>
    public Dictionary<string, string[]> Validate() => ToJob().Validate();

    /// <summary>The job for this order, priced from the catalogue (an unknown product at no price: validation names it).</summary>
    public OrderJob ToJob() =>
        new(
            CustomerEmail?.Trim()!,
            Items?.Select(l => l is null ? null! : new OrderLine(l.Sku!, l.Quantity, l.Sku is not null ? Catalogue.Prices.GetValueOrDefault(l.Sku) : 0m)).ToList()!);
}
