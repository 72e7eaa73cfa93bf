namespace BackgroundRoles.Contracts;

/// <summary>Where a succeeded job's result can be fetched through the web role: one rule for its API and the worker's callbacks.</summary>
public static class JobResults
{
    /// <summary>The web role's path of a succeeded job's result, or null for a job type whose result is not served.</summary>
    public static string? UrlOf(string jobType, string jobId) =>
        jobType == JobTypes.Thumbnail ? $"/api/thumbnails/{jobId}" : null;
}
