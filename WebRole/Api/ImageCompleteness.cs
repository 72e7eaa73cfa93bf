using System.Buffers.Binary;
using System.Globalization;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// Whether an image file is whole, from its structure and without decoding: a png's chunks lead to its IEND chunk,
/// a jpeg ends with its EOI marker, a webp is as long as its RIFF header says. A file cut short in transit would
/// otherwise be accepted and end as a partial thumbnail.
/// </summary>
internal static class ImageCompleteness
{
    /// <summary>How far from the end a jpeg's EOI marker may be: some writers pad a file after it.</summary>
    private const int JpegTrailerWindow = 1024;

    private const int PngSignatureLength = 8;

    /// <summary>Null for a complete file, else a sentence saying where it ends.</summary>
    public static string? Check(ReadOnlySpan<byte> content, string contentType) => contentType switch
    {
        "image/png" => CheckPng(content),
        "image/jpeg" => CheckJpeg(content),
        "image/webp" => CheckWebp(content),
        _ => null,
    };

    private static string? CheckPng(ReadOnlySpan<byte> content)
    {
        var offset = PngSignatureLength;
        var sawData = false;
        while (offset + 8 <= content.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(content[offset..]);
            var type = System.Text.Encoding.ASCII.GetString(content.Slice(offset + 4, 4));
            var end = offset + 12L + length;
            if (end > content.Length)
            {
                return string.Create(CultureInfo.InvariantCulture, $"The png image is truncated: it ends at byte {content.Length} inside its '{type}' chunk, which needs {end} bytes.");
            }

            if (type == "IEND")
            {
                return sawData ? null : "The png image has no image data (no IDAT chunk).";
            }

            sawData |= type == "IDAT";
            offset = (int)end;
        }

        return string.Create(CultureInfo.InvariantCulture, $"The png image is truncated: it ends at byte {content.Length} before its IEND chunk.");
    }

    private static string? CheckJpeg(ReadOnlySpan<byte> content)
    {
        // Inside entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker, so FF D9 is the EOI marker.
        var tail = content[Math.Max(2, content.Length - JpegTrailerWindow)..];
        return tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The jpeg image is truncated: it ends at byte {content.Length} without its end-of-image marker (FF D9).");
    }

    private static string? CheckWebp(ReadOnlySpan<byte> content)
    {
        var declared = 8L + BinaryPrimitives.ReadUInt32LittleEndian(content[4..]);
        return content.Length >= declared
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The webp image is truncated: it has {content.Length} bytes of the {declared} its RIFF header declares.");
    }
}
