using System.Runtime.InteropServices;
using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using SkiaSharp;

namespace BackgroundRoles.WorkerRole.Thumbnails;

/// <summary>
/// Decodes an image into at most <see cref="ThumbnailLimits.MaxDecodedPixels"/> pixels, at a size no smaller than the
/// one asked for (a longest side, never above the image's own): whole when it fits, else scaled by the codec (jpeg's 1/8 steps, webp), else row by row with each
/// block of rows averaged into one (png, whose codec cannot scale). A 187 KB png of 8000 x 8000 pixels, which would be
/// 256 MB decoded whole, costs one row and the small copy. An image its codec reports incomplete or damaged fails the
/// job with the reason instead of yielding a partial picture.
/// </summary>
internal static class BoundedDecoder
{
    private const int BytesPerPixel = 4;

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

        if ((long)info.Width * info.Height <= ThumbnailLimits.MaxDecodedPixels)
        {
            return (DecodeWhole(codec, info.Size), info.Size);
        }

        var (minWidth, minHeight) = Fit(info.Size, minLongestSide);
        var scaled = codec.GetScaledDimensions(Math.Max((float)minWidth / info.Width, (float)minHeight / info.Height));
        if (scaled.Width >= minWidth && scaled.Height >= minHeight && (long)scaled.Width * scaled.Height <= ThumbnailLimits.MaxDecodedPixels)
        {
            return (DecodeWhole(codec, scaled), info.Size);
        }

        return (DecodeByRows(codec, minWidth, minHeight), info.Size);
    }

    /// <summary><paramref name="size"/> scaled so that its longest side is <paramref name="longestSide"/>, never enlarged, at least 1 x 1.</summary>
    public static (int Width, int Height) Fit(SKSizeI size, int longestSide)
    {
        var scale = Math.Min(1.0, (double)longestSide / Math.Max(size.Width, size.Height));
        return (Math.Max(1, (int)Math.Round(size.Width * scale)), Math.Max(1, (int)Math.Round(size.Height * scale)));
    }

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
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw Incomplete(codec, result);
        }

        return bitmap;
    }

    /// <summary>Each <c>factor</c> x <c>factor</c> block of the image becomes one pixel, its average; one row is in memory at a time.</summary>
    private static SKBitmap DecodeByRows(SKCodec codec, int minWidth, int minHeight)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var factor = Math.Max(1, Math.Min(width / Math.Max(1, minWidth), height / Math.Max(1, minHeight)));
        var (outWidth, outHeight) = ((width + factor - 1) / factor, (height + factor - 1) / factor);
        var rowInfo = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var started = codec.StartScanlineDecode(rowInfo);
        if (started != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            throw new JobFailedException($"The {codec.EncodedFormat} image of {width} x {height} pixels cannot be decoded row by row ({started}, {codec.ScanlineOrder}) and is too large to decode whole.");
        }

        var output = new SKBitmap(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var row = new byte[width * BytesPerPixel];
        var sums = new long[outWidth * BytesPerPixel];
        var handle = GCHandle.Alloc(row, GCHandleType.Pinned);
        try
        {
            var pixels = output.GetPixelSpan();
            for (var y = 0; y < height; y++)
            {
                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, row.Length) != 1)
                {
                    throw new JobFailedException($"The {codec.EncodedFormat} image is truncated or damaged: only {y} of its {height} rows could be decoded.");
                }

                for (var x = 0; x < row.Length; x++)
                {
                    sums[((x / BytesPerPixel / factor) * BytesPerPixel) + (x % BytesPerPixel)] += row[x];
                }

                if ((y + 1) % factor == 0 || y == height - 1)
                {
                    WriteAverages(sums, pixels.Slice(y / factor * outWidth * BytesPerPixel, outWidth * BytesPerPixel), width, factor, (y % factor) + 1);
                    Array.Clear(sums);
                }
            }
        }
        catch
        {
            output.Dispose();
            throw;
        }
        finally
        {
            handle.Free();
        }

        return output;
    }

    private static void WriteAverages(long[] sums, Span<byte> outRow, int width, int factor, int rows)
    {
        for (var i = 0; i < sums.Length; i++)
        {
            var column = i / BytesPerPixel;
            var count = (long)Math.Min(factor, width - (column * factor)) * rows;
            outRow[i] = (byte)((sums[i] + (count / 2)) / count);
        }
    }

    private static JobFailedException Incomplete(SKCodec codec, SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => new JobFailedException($"The {codec.EncodedFormat} image is truncated: its data ends before its last pixel."),
        SKCodecResult.ErrorInInput => new JobFailedException($"The {codec.EncodedFormat} image is damaged: its data has an error."),
        _ => new JobFailedException($"The {codec.EncodedFormat} image cannot be decoded: {result}."),
    };
}
