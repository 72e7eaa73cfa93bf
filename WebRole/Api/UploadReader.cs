using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// Reads an upload sent as the raw body or as the first file of a multipart form, never more than the limit
/// (a larger one is 413 before it is read whole).
/// </summary>
internal static class UploadReader
{
    public static async Task<(byte[]? Content, IResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes + (request.HasFormContentType ? 64 * 1024 : 0))
        {
            return (null, TooLarge(maxBytes));
        }

        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            if (form.Files.Count == 0)
            {
                return (null, Results.Problem(title: "No image", detail: "The form has no file.", statusCode: StatusCodes.Status400BadRequest));
            }

            if (form.Files[0].Length > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            source = form.Files[0].OpenReadStream();
        }
        else
        {
            source = request.Body;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0
            ? (null, Results.Problem(title: "No image", detail: "The request body is empty.", statusCode: StatusCodes.Status400BadRequest))
            : (buffer.ToArray(), null);
    }

    private static IResult TooLarge(long maxBytes) =>
        Results.Problem(title: "The image is too large", detail: $"At most {maxBytes / (1024 * 1024)} MB is accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
