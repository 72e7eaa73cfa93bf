using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs;

/// <summary>Listing the status records, for operators (the dashboard's jobs page).</summary>
public sealed partial class JobStatusStore
{
    /// <summary>How far back each step of a listing reaches from now, newest first; the last takes every older record.</summary>
    private static readonly TimeSpan[] ListingSteps = [TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    /// <summary>
    /// The most recent jobs, newest first, at most <paramref name="max"/>, of one type and state when given. Records sit
    /// in partitions by submit time, so the listing reads them from now backwards in steps (10 minutes, an hour, a day,
    /// a week, then the rest, then records from before time partitions) and stops once it has <paramref name="max"/>
    /// or has read <see cref="JobDefaults.MaxListedStatuses"/> (<see cref="JobStatusListing.Complete"/> says whether it
    /// got to the end); within what it read, newest update first. A record left unreadable is skipped.
    /// </summary>
    public async Task<JobStatusListing> ListRecentAsync(int max, string? jobType, JobState? state, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await _storage.EnsureTableAsync(JobDefaults.StatusTable, ct).ConfigureAwait(false);
        var table = _storage.CloudTable(JobDefaults.StatusTable);
        var now = _storage.TimeProvider.GetUtcNow();
        var filters = new List<string>();
        var upper = TimePartitionPrefix + "g"; // above every hex digit
        foreach (var step in ListingSteps)
        {
            var lower = PartitionAt(now - step);
            filters.Add(PartitionRange(lower, upper));
            upper = lower;
        }

        filters.Add(PartitionRange(TimePartitionPrefix + "0", upper));
        filters.Add(TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, LegacyRowKey));

        var matching = new List<JobStatus>();
        var scanned = 0;
        var complete = true;
        foreach (var filter in filters)
        {
            var query = new TableQuery<DynamicTableEntity>().Where(filter);
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

            if (continuation is not null || scanned >= JobDefaults.MaxListedStatuses)
            {
                complete = continuation is null && ReferenceEquals(filter, filters[^1]);
                break;
            }

            if (matching.Count >= max)
            {
                complete = ReferenceEquals(filter, filters[^1]);
                break;
            }
        }

        return new JobStatusListing([.. matching.OrderByDescending(s => s.UpdatedAt).Take(max)], scanned, complete);
    }

    private static string PartitionRange(string lower, string upper) => TableQuery.CombineFilters(
        TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, lower),
        TableOperators.And,
        TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThan, upper));

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
