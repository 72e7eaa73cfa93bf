namespace BackgroundRoles.Contracts;

/// <summary>
/// The bounds both roles hold a payload to: the web role before it accepts a request, the worker role before it acts
/// on a message (one from an older web role, or written by hand, is judged the same).
/// </summary>
public static class ContractLimits
{
    /// <summary>Lines in one order: 1 to 50.</summary>
    public const int MaxOrderLines = 50;

    /// <summary>Units of one product in one order line: 1 to 1000.</summary>
    public const int MaxQuantity = 1000;

    /// <summary>The longest side of an image a thumbnail is made from: 8000 pixels.</summary>
    public const int MaxImageSide = 8000;

    /// <summary>The content types a thumbnail can be made from.</summary>
    public static IReadOnlyList<string> ImageContentTypes { get; } = ["image/png", "image/jpeg", "image/webp"];
}
