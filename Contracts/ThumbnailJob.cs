namespace BackgroundRoles.Contracts;

/// <summary>Make a thumbnail of the uploaded image <paramref name="ImageId"/> (in the uploads container).</summary>
public sealed record ThumbnailJob(string ImageId, string ContentType)
{
    /// <summary>The longest side of a thumbnail, in pixels.</summary>
    public const int LongestSide = 160;

    /// <summary>
    /// Every problem by field; empty when the job is valid: an image id of 32 lowercase hex digits (a blob name the
    /// web role made) and one of <see cref="ContractLimits.ImageContentTypes"/>. A payload read from JSON may have
    /// nulls where the type says none, so every field is checked for one.
    /// </summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (ImageId is not { Length: 32 } || !ImageId.All(char.IsAsciiHexDigitLower))
        {
            errors["imageId"] = ["The image id must be 32 lowercase hex digits."];
        }

        if (ContentType is null || !ContractLimits.ImageContentTypes.Contains(ContentType, StringComparer.Ordinal))
        {
            errors["contentType"] = [$"The content type must be one of {string.Join(", ", ContractLimits.ImageContentTypes)}."];
        }

        return errors;
    }
}
