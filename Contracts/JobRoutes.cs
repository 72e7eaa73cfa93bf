namespace BackgroundRoles.Contracts;

/// <summary>Every job type's route: a new job type is one line here plus its handler in the worker.</summary>
public static class JobRoutes
{
    /// <summary>Thumbnails of uploaded images.</summary>
    public static readonly JobRoute<ThumbnailJob> Thumbnail = new(JobQueues.Thumbnails, JobTypes.Thumbnail);

    /// <summary>The order workflow.</summary>
    public static readonly JobRoute<OrderJob> Order = new(JobQueues.Orders, JobTypes.Order);
}
