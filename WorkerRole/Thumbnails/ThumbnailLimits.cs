namespace BackgroundRoles.WorkerRole.Thumbnails;

/// <summary>The thumbnail handler's memory budget, in one place.</summary>
internal static class ThumbnailLimits
{
    /// <summary>
    /// The most pixels decoded into memory at once for one image: 4 million (16 MB as RGBA). A larger image is decoded
    /// scaled down by its codec (jpeg, webp) or row by row into a box-filtered copy (png), never whole.
    /// </summary>
    public const long MaxDecodedPixels = 4_000_000;

    /// <summary>The decoded copy is this many times the thumbnail's size, so that the final resize has pixels to filter: 2.</summary>
    public const int Oversampling = 2;
}
