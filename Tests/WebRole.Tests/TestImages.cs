using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>Real images made in memory for uploads, and damaged or hostile ones.</summary>
internal static class TestImages
{
    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    public static byte[] Webp(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp);

    /// <summary>A png of random pixels, so that its image data is most of the file and a cut lands inside it.</summary>
    public static byte[] NoisyPng(int width, int height) => Noisy(width, height, SKEncodedImageFormat.Png);

    /// <summary>A jpeg of random pixels, so that its image data is most of the file and a cut lands inside it.</summary>
    public static byte[] NoisyJpeg(int width, int height) => Noisy(width, height, SKEncodedImageFormat.Jpeg);

    private static byte[] Noisy(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(42);
        var pixels = bitmap.GetPixelSpan();
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 0xFF;
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>The first <paramref name="fraction"/> of a file, as a broken upload leaves it.</summary>
    public static byte[] Truncated(byte[] image, double fraction) => image[..(int)(image.Length * fraction)];

    /// <summary>
    /// A grey png of <paramref name="width"/> x <paramref name="height"/> written chunk by chunk without ever holding
    /// its pixels: a few hundred KB for 8000 x 8000 (64 million pixels, 256 MB decoded as RGBA). With
    /// <paramref name="rows"/> below the height, a complete file whose data holds only those rows: a header that
    /// declares a huge image in a tiny file.
    /// </summary>
    public static byte[] SolidGreyPng(int width, int height, int? rows = null)
    {
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + width];
            Array.Fill(row, (byte)0x80);
            row[0] = 0; // filter type None
            for (var y = 0; y < (rows ?? height); y++)
            {
                zlib.Write(row);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(field, data.Length);
        png.Write(field);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(field, Crc32(typeAndData));
        png.Write(field);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
