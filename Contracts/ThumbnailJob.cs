namespace BackgroundRoles.Contracts;

/// <summary>Make a thumbnail of the uploaded image <paramref name="ImageId"/> (in the uploads container).</summary>
public sealed record ThumbnailJob(string ImageId, string ContentType)
{
    /// <summary>The longest side of a thumbnail, in pixels.</summary>
    public const int LongestSide = 160;
}
