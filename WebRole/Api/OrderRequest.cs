using System.Net.Mail;
using BackgroundRoles.Contracts;

namespace BackgroundRoles.WebRole.Api;

/// <summary>The body of <c>POST /api/orders</c>.</summary>
public sealed record OrderRequest(string? CustomerEmail, IReadOnlyList<OrderRequestLine>? Items)
{
    public const int MaxLines = 50;

    public const int MaxQuantity = 1000;

    /// <summary>Every problem by field, as problem details' <c>errors</c>; empty when the order is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(CustomerEmail) || !MailAddress.TryCreate(CustomerEmail, out var address) || address.Address != CustomerEmail.Trim())
        {
            errors["customerEmail"] = ["A valid email address is required."];
        }

        if (Items is null || Items.Count is 0 or > MaxLines)
        {
            errors["items"] = [$"Between 1 and {MaxLines} items are required."];
            return errors;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            var line = Items[i];
            if (line?.Sku is null || !Catalogue.Prices.ContainsKey(line.Sku))
            {
                errors[$"items[{i}].sku"] = [$"Unknown product; the catalogue has {string.Join(", ", Catalogue.Prices.Keys)}."];
            }

            if (line is null || line.Quantity is < 1 or > MaxQuantity)
            {
                errors[$"items[{i}].quantity"] = [$"The quantity must be between 1 and {MaxQuantity}."];
            }
        }

        var repeated = Items.Where(l => l?.Sku is not null).GroupBy(l => l.Sku).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            errors["items"] = [$"Each product may appear once; repeated: {string.Join(", ", repeated)}."];
        }

        return errors;
    }

    /// <summary>The job for a valid order, priced from the catalogue.</summary>
    public OrderJob ToJob() =>
        new(CustomerEmail!.Trim(), Items!.Select(l => new OrderLine(l.Sku!, l.Quantity, Catalogue.Prices[l.Sku!])).ToList());
}

public sealed record OrderRequestLine(string? Sku, int Quantity);
