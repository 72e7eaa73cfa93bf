using System.Diagnostics;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>Polls real storage until a condition holds; Azurite's visibility timeouts run on the wall clock.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (watch.Elapsed > (timeout ?? DefaultTimeout))
            {
                Assert.Fail($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }

    public static Task<JobStatus> StatusAsync(JobStorage storage, string jobId, Func<JobStatus, bool> condition, TimeSpan? timeout = null) =>
        GetAsync(() => storage.Statuses.GetAsync(jobId, CancellationToken.None), status => status is not null && condition(status), $"job {jobId}", timeout)!;

    public static Task<JobStatus> FinalAsync(JobStorage storage, string jobId, TimeSpan? timeout = null) =>
        StatusAsync(storage, jobId, status => status.IsFinal, timeout);
}
