using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs;

/// <summary>Listing the status records, for operators (the dashboard's jobs page).</summary>
public sealed partial class JobStatusStore
{
    /// <summary>
    /// The most recently updated jobs, newest first, at most <paramref name="max"/>, of one type and state when given.
    /// Records are not kept in time order, so the listing reads them all, up to <see cref="JobDefaults.MaxListedStatuses"/>
    /// (<see cref="JobStatusListing.Complete"/> says whether it got to the end); a record left unreadable is skipped.
    /// </summary>
    public async Task<JobStatusListing> ListRecentAsync(int max, string? jobType, JobState? state, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await _storage.EnsureTableAsync(JobDefaults.StatusTable, ct).ConfigureAwait(false);
        var table = _storage.CloudTable(JobDefaults.StatusTable);
        var query = new TableQuery<DynamicTableEntity>().Where(TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, RowKey));
        var matching = new List<JobStatus>();
        var scanned = 0;
        TableContinuationToken? continuation = null;
        do
        {
            var segment = await _storage.Resilience.ExecuteAsync("list job statuses", token =>
                table.ExecuteQuerySegmentedAsync(query, continuation, null, null, token), ct).ConfigureAwait(false);
            foreach (var entity in segment.Results)
            {
                scanned++;
                if (Read(entity) is { } status && (jobType is null || status.JobType == jobType) && (state is null || status.State == state))
                {
                    matching.Add(status);
                }
            }

            continuation = segment.ContinuationToken;
        }
        while (continuation is not null && scanned < JobDefaults.MaxListedStatuses);

        return new JobStatusListing([.. matching.OrderByDescending(s => s.UpdatedAt).Take(max)], scanned, continuation is null);
    }

    private static JobStatus? Read(DynamicTableEntity entity)
    {
        if (!entity.Properties.TryGetValue("Json", out var json))
        {
            return null;
        }

        try
        {
            return JobJson.Deserialize<JobStatus>(json.StringValue);
        }
        catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or ArgumentException or FormatException or InvalidCastException)
        {
            return null;
        }
    }
}
