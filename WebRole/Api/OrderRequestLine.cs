namespace BackgroundRoles.WebRole.Api;

/// <summary>One line of an <see cref="OrderRequest"/>.</summary>
public sealed record OrderRequestLine(string? Sku, int Quantity);
