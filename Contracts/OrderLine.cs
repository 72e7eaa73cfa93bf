namespace BackgroundRoles.Contracts;

/// <summary>One line of an <see cref="OrderJob"/>: a catalogue product, how many, at the catalogue's price.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);
