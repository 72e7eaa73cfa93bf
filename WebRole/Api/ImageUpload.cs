using SkiaSharp;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// Checks an upload before anything is stored: png, jpeg or webp by its first bytes (not by what the client
/// says), at most <see cref="MaxBytes"/>, at most <see cref="MaxPixels"/> on each side, with a readable header.
/// </summary>
internal static class ImageUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public const int MaxPixels = 8000;

    /// <summary>The content type of a supported image, or an error sentence.</summary>
    public static (string? ContentType, string? Error) Check(byte[] content)
    {
        var contentType = Sniff(content);
        if (contentType is null)
        {
            return (null, "The upload is not a png, jpeg or webp image.");
        }

        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (null, $"The {contentType} image cannot be read: its header is damaged.");
        }

        var info = codec.Info;
        if (info.Width > MaxPixels || info.Height > MaxPixels)
        {
            return (null, $"The image is {info.Width} x {info.Height} pixels; at most {MaxPixels} x {MaxPixels} is accepted.");
        }

        return (contentType, null);
    }

    private static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
