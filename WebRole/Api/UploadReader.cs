using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// Reads an upload sent as the raw body (an image or octet-stream content type, or none) or as the first file of a
/// multipart form, never more than the limit (a larger one is 413 before it is read whole). Another content type is
/// 415; a malformed form (no boundary, a body that ends before its closing boundary) is 400.
/// </summary>
internal static class UploadReader
{
    public static async Task<(byte[]? Content, IResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!IsUploadContentType(request))
        {
            return (null, Results.Problem(
                title: "Unsupported content type",
                detail: $"Send the image as the body (Content-Type image/png, image/jpeg, image/webp or application/octet-stream) or as a file of a multipart/form-data form, not '{request.ContentType}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        var limit = maxBytes + (request.HasFormContentType ? WebRoleDefaults.MaxFormOverheadBytes : 0);
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(maxBytes));
        }

        // A chunked body has no length to check up front: it is counted as it is read instead.
        BodyLimit.Apply(request, limit);

        try
        {
            return await ReadBodyAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // A form without a boundary, a part cut short, a body shorter than its Content-Length.
            return (null, Results.Problem(title: "The request body is malformed", detail: e.Message, statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static async Task<(byte[]? Content, IResult? Problem)> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
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

    /// <summary>No content type, an image type, octet-stream or a multipart form; a url-encoded form carries no file.</summary>
    private static bool IsUploadContentType(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return true;
        }

        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } mediaType)
        {
            return false;
        }

        return mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }

    private static IResult TooLarge(long maxBytes) =>
        Results.Problem(title: "The image is too large", detail: $"At most {maxBytes / (1024 * 1024)} MB is accepted.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
