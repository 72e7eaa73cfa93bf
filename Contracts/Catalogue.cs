namespace BackgroundRoles.Contracts;

/// <summary>
/// The sample shop's catalogue: what the web role accepts in an order and the stock the worker role starts with.
/// </summary>
public static class Catalogue
{
    /// <summary>Units of each product in stock when the inventory table is first created.</summary>
    public const int InitialStock = 1_000_000;

    public static IReadOnlyDictionary<string, decimal> Prices { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["sku-apple"] = 0.50m,
        ["sku-pear"] = 0.65m,
        ["sku-plum"] = 0.30m,
        ["sku-fig"] = 1.20m,
    };
}
