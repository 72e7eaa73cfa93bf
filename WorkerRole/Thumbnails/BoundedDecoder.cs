using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using SkiaSharp;

namespace BackgroundRoles.WorkerRole.Thumbnails;

/// <summary>
/// Decodes an image into at most <see cref="ContractLimits.MaxDecodedImagePixels"/> pixels, at about the size asked
/// for or larger: whole when it fits, else scaled down by its codec while decoding (jpeg in eighths, webp to any
/// size), never whole and then resized. An image that fits neither way (a png, whose codec here can neither scale nor
/// decode row by row) is refused from its header, before a pixel is decoded. An image its codec reports incomplete or
/// damaged fails the job with the reason instead of yielding a partial picture.
/// </summary>
internal static class BoundedDecoder
{
    /// <summary>The decoded copy is this many times the thumbnail's size, so that the final resize has pixels to filter.</summary>
    public const int Oversampling = 2;

    /// <summary>Decodes so that the result's longest side is at least <paramref name="minLongestSide"/> (or the image's own).</summary>
    /// <returns>The decoded bitmap, and the image's own size.</returns>
    /// <exception cref="JobFailedException">The image cannot be decoded, is too large, or is truncated or damaged.</exception>
    public static (SKBitmap Bitmap, SKSizeI Original) Decode(byte[] image, int minLongestSide)
    {
        using var codec = Open(image);
        var info = codec.Info;
        if (info.Width > ContractLimits.MaxImageSide || info.Height > ContractLimits.MaxImageSide)
        {
            throw new JobFailedException($"The image is {info.Width} x {info.Height} pixels; at most {ContractLimits.MaxImageSide} x {ContractLimits.MaxImageSide} is accepted.");
        }

        if (Pixels(info.Size) <= ContractLimits.MaxDecodedImagePixels)
        {
            return (DecodeWhole(codec, info.Size), info.Size);
        }

        var (minWidth, minHeight) = Fit(info.Size, minLongestSide);
        var scaled = codec.GetScaledDimensions(Math.Max((float)minWidth / info.Width, (float)minHeight / info.Height));
        if (Pixels(scaled) <= ContractLimits.MaxDecodedImagePixels)
        {
            return (DecodeWhole(codec, scaled), info.Size);
        }

        throw new JobFailedException(
            $"The {codec.EncodedFormat} image is {info.Width} x {info.Height} pixels: its codec cannot decode it scaled down, and whole it is over the budget of {ContractLimits.MaxDecodedImagePixels / 1_000_000} million pixels.");
    }

    /// <summary><paramref name="size"/> scaled so that its longest side is <paramref name="longestSide"/>, never enlarged, at least 1 x 1.</summary>
    public static (int Width, int Height) Fit(SKSizeI size, int longestSide)
    {
        var scale = Math.Min(1.0, (double)longestSide / Math.Max(size.Width, size.Height));
        return (Math.Max(1, (int)Math.Round(size.Width * scale)), Math.Max(1, (int)Math.Round(size.Height * scale)));
    }

    private static long Pixels(SKSizeI size) => (long)size.Width * size.Height;

    /// <summary>A codec over the image's bytes; it owns the stream from then on.</summary>
    private static SKCodec Open(byte[] image)
    {
        var stream = new SKMemoryStream(image);
        var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
        {
            stream.Dispose();
            throw new JobFailedException($"The upload is not a decodable png, jpeg or webp image ({result}).");
        }

        return codec;
    }

    private static SKBitmap DecodeWhole(SKCodec codec, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success)
        {
            return bitmap;
        }

        bitmap.Dispose();
        throw result switch
        {
            SKCodecResult.IncompleteInput => new JobFailedException($"The {codec.EncodedFormat} image is truncated: its data ends before its last pixel."),
            SKCodecResult.ErrorInInput => new JobFailedException($"The {codec.EncodedFormat} image is damaged: its data has an error."),
            _ => new JobFailedException($"The {codec.EncodedFormat} image cannot be decoded: {result}."),
        };
    }
}
