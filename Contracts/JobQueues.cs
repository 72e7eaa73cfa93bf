namespace BackgroundRoles.Contracts;

/// <summary>The queues, containers and tables the web role and the worker role share.</summary>
public static class JobQueues
{
    /// <summary>Thumbnail jobs; CPU-bound, so the worker runs as many at once as it has cores.</summary>
    public const string Thumbnails = "thumbnails";

    /// <summary>Order workflow jobs.</summary>
    public const string Orders = "orders";

    /// <summary>Uploaded originals, named by image id.</summary>
    public const string UploadsContainer = "uploads";

    /// <summary>Finished thumbnails, named by job id.</summary>
    public const string ThumbnailsContainer = "thumbnails";

    /// <summary>
    /// Images dropped here (by any writer, no HTTP involved) become thumbnails: the worker's blob trigger writes each
    /// one's thumbnail to <see cref="ThumbnailsContainer"/> as <c>inbox/</c>, the blob's name and <c>.png</c>.
    /// </summary>
    public const string ThumbnailsInboxContainer = "thumbnails-inbox";

    /// <summary>Confirmation emails written by the order workflow, one per order.</summary>
    public const string OutboxContainer = "outbox";

    /// <summary>Stock levels by SKU.</summary>
    public const string InventoryTable = "inventory";

    /// <summary>Payments by order id.</summary>
    public const string PaymentsTable = "payments";

    /// <summary>Shipments by order id.</summary>
    public const string ShipmentsTable = "shipments";

    public static IReadOnlyList<string> All { get; } = [Thumbnails, Orders];

    public static IReadOnlyList<string> Containers { get; } = [UploadsContainer, ThumbnailsContainer, OutboxContainer];

    public static IReadOnlyList<string> Tables { get; } = [InventoryTable, PaymentsTable, ShipmentsTable];
}
