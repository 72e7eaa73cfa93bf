namespace BackgroundRoles.Contracts;

/// <summary>The job types, as carried by each queue message.</summary>
public static class JobTypes
{
    public const string Thumbnail = "thumbnail";

    public const string Order = "order";
}
