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

    /// <summary>
    /// The most pixels the worker decodes into memory for one image: 16 million (64 MB as RGBA). A larger image is
    /// accepted only when its codec can decode it scaled down to at most this at thumbnail size (jpeg in eighths, webp
    /// to any size); a png cannot be, so a png of more pixels is refused (the web role says so at once, from the header).
    /// </summary>
    public const long MaxDecodedImagePixels = 16_000_000;

    /// <summary>The content types a thumbnail can be made from.</summary>
    public static IReadOnlyList<string> ImageContentTypes { get; } = ["image/png", "image/jpeg", "image/webp"];
}
