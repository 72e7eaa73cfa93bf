using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WorkerRole.Tasks;

/// <summary>
/// Keeps a local resource under its quota: each run (a periodic task of the role's kit) deletes files older than the
/// maximum age, then, while the folder is still above 90% of its sizeInMB, the oldest files first.
/// </summary>
internal sealed partial class JanitorTask(LocalResource resource, TimeSpan maxAge, ILogger<JanitorTask> logger) : IPeriodicTask
{
    /// <summary>The janitor brings a full folder down to this share of its quota.</summary>
    internal const double TargetShareOfQuota = 0.9;

    public string Name => "janitor";

    public Task RunOnceAsync(BackgroundTaskContext context, CancellationToken cancellationToken)
    {
        var result = Sweep(context.TimeProvider.GetUtcNow());
        if (result.DeletedFiles > 0)
        {
            Log.Swept(logger, resource.Name, result.DeletedFiles, result.DeletedBytes, result.RemainingBytes);
        }

        return Task.CompletedTask;
    }

    /// <summary>One pass over the folder.</summary>
    internal SweepResult Sweep(DateTimeOffset now)
    {
        var root = new DirectoryInfo(resource.RootPath);
        if (!root.Exists)
        {
            return new SweepResult(0, 0, 0);
        }

        var files = root.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .OrderBy(f => f.LastWriteTimeUtc)
            .ToList();
        var total = files.Sum(f => f.Length);
        var target = (long)(resource.MaximumSizeInMegabytes * 1024L * 1024L * TargetShareOfQuota);
        int deletedFiles = 0;
        long deletedBytes = 0;
        foreach (var file in files)
        {
            var tooOld = now - file.LastWriteTimeUtc > maxAge;
            var overQuota = resource.MaximumSizeInMegabytes > 0 && total > target;
            if (!tooOld && !overQuota)
            {
                continue;
            }

            try
            {
                var length = file.Length;
                file.Delete();
                total -= length;
                deletedFiles++;
                deletedBytes += length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file in use now is swept on a later pass.
                Log.DeleteFailed(logger, file.Name, e.Message);
            }
        }

        return new SweepResult(deletedFiles, deletedBytes, total);
    }

    internal readonly record struct SweepResult(int DeletedFiles, long DeletedBytes, long RemainingBytes);

    private static partial class Log
    {
        [LoggerMessage(3010, LogLevel.Information, "Janitor swept {Resource}: deleted {Files} files ({Bytes} bytes), {Remaining} bytes remain")]
        public static partial void Swept(ILogger logger, string resource, int files, long bytes, long remaining);

        [LoggerMessage(3011, LogLevel.Debug, "Janitor could not delete {File}: {Reason}")]
        public static partial void DeleteFailed(ILogger logger, string file, string reason);
    }
}
