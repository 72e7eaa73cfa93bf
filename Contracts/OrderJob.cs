namespace BackgroundRoles.Contracts;

/// <summary>An order to run through the workflow: reserve stock, charge, ship, confirm by email. Its id is its job's id.</summary>
/// <param name="CustomerEmail">Where the confirmation goes.</param>
/// <param name="Items">What is ordered.</param>
public sealed record OrderJob(string CustomerEmail, IReadOnlyList<OrderLine> Items)
{
    public decimal Total => Items.Sum(i => i.UnitPrice * i.Quantity);
}

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);
