using System.Net.Mail;

namespace BackgroundRoles.Contracts;

/// <summary>An order to run through the workflow: reserve stock, charge, ship, confirm by email. Its id is its job's id.</summary>
/// <param name="CustomerEmail">Where the confirmation goes.</param>
/// <param name="Items">What is ordered.</param>
public sealed record OrderJob(string CustomerEmail, IReadOnlyList<OrderLine> Items)
{
    public decimal Total => Items.Sum(i => i.UnitPrice * i.Quantity);

    /// <summary>
    /// Every problem by field (<c>customerEmail</c>, <c>items</c>, <c>items[0].sku</c>, ...); empty when the order is
    /// valid: a well-formed email, 1 to <see cref="ContractLimits.MaxOrderLines"/> lines, each a catalogue product
    /// at most once, a quantity of 1 to <see cref="ContractLimits.MaxQuantity"/>, at the catalogue's price. A payload
    /// read from JSON may have nulls where the type says none, so every field is checked for one.
    /// </summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(CustomerEmail) || !MailAddress.TryCreate(CustomerEmail, out var address) || address.Address != CustomerEmail.Trim())
        {
            errors["customerEmail"] = ["A valid email address is required."];
        }

        if (Items is null || Items.Count is 0 or > ContractLimits.MaxOrderLines)
        {
            errors["items"] = [$"Between 1 and {ContractLimits.MaxOrderLines} items are required."];
            return errors;
        }

        for (var i = 0; i < Items.Count; i++)
        {
            ValidateLine(Items[i], i, errors);
        }

        var repeated = Items.Where(l => l?.Sku is not null).GroupBy(l => l.Sku, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            errors["items"] = [$"Each product may appear once; repeated: {string.Join(", ", repeated)}."];
        }

        return errors;
    }

    private static void ValidateLine(OrderLine? line, int index, Dictionary<string, string[]> errors)
    {
        if (line?.Sku is null || !Catalogue.Prices.TryGetValue(line.Sku, out var price))
        {
            errors[$"items[{index}].sku"] = [$"Unknown product; the catalogue has {string.Join(", ", Catalogue.Prices.Keys)}."];
        }
        else if (line.UnitPrice != price)
        {
            // The price is the catalogue's, never the sender's: a message written by hand cannot set its own.
            errors[$"items[{index}].unitPrice"] = [$"The unit price of {line.Sku} is {price.ToString(System.Globalization.CultureInfo.InvariantCulture)}."];
        }

        if (line is null || line.Quantity is < 1 or > ContractLimits.MaxQuantity)
        {
            errors[$"items[{index}].quantity"] = [$"The quantity must be between 1 and {ContractLimits.MaxQuantity}."];
        }
    }
}
