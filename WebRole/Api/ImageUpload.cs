using BackgroundRoles.Contracts;
using SkiaSharp;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// Checks an upload before anything is stored, as far as is cheap (nothing is decoded): png, jpeg or webp by its
/// first bytes (not by what the client says), complete (<see cref="ImageCompleteness"/>), and a header that declares
/// at most <see cref="ContractLimits.MaxImageSide"/> pixels on each side and a size the worker can decode within
/// <see cref="ContractLimits.MaxDecodedImagePixels"/>: whole, or scaled down by its codec (jpeg, webp; not png).
/// </summary>
internal static class ImageUpload
{
    /// <summary>The content type of a supported image, or an error sentence naming the problem.</summary>
    public static (string? ContentType, string? Error) Check(byte[] content)
    {
        var contentType = Sniff(content);
        if (contentType is null)
        {
            return (null, "The upload is not a png, jpeg or webp image.");
        }

        // The header alone: SKCodec reads the declared size without decoding a pixel.
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, $"The {contentType} image cannot be read: its header is damaged.");
        }

        var info = codec.Info;
        if (info.Width > ContractLimits.MaxImageSide || info.Height > ContractLimits.MaxImageSide)
        {
            return (null, $"The image is {info.Width} x {info.Height} pixels; at most {ContractLimits.MaxImageSide} x {ContractLimits.MaxImageSide} is accepted.");
        }

        if (!DecodesWithinBudget(codec))
        {
            return (null, $"The {contentType} image is {info.Width} x {info.Height} pixels; a {contentType} image can have at most {ContractLimits.MaxDecodedImagePixels / 1_000_000} million pixels, as it cannot be decoded scaled down.");
        }

        return ImageCompleteness.Check(content, contentType) is { } incomplete ? (null, incomplete) : (contentType, null);
    }

    /// <summary>The worker's rule: the image whole, or its codec's scaled size for a thumbnail, within the budget.</summary>
    private static bool DecodesWithinBudget(SKCodec codec)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height <= ContractLimits.MaxDecodedImagePixels)
        {
            return true;
        }

        var scaled = codec.GetScaledDimensions(Math.Min(1f, 2f * ThumbnailJob.LongestSide / Math.Max(width, height)));
        return (long)scaled.Width * scaled.Height <= ContractLimits.MaxDecodedImagePixels;
    }

    private static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
