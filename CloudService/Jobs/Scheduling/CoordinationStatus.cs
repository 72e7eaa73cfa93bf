using BackgroundRoles.Jobs.Leases;
using BackgroundRoles.Jobs.Leases.Internal;
using BackgroundRoles.Jobs.Scheduling.Internal;

namespace BackgroundRoles.Jobs.Scheduling;

/// <summary>
/// What operators see (<c>status</c>): each scheduled job's record and each singleton's holder, read from the
/// storage every instance shares. Reading needs no instance id and changes nothing.
/// </summary>
public sealed class CoordinationStatus
{
    private readonly JobStorage _storage;
    private readonly ScheduleRecords _records;

    /// <summary>Reads the schedules and singletons kept in <paramref name="storage"/>.</summary>
    public CoordinationStatus(JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _records = new ScheduleRecords(storage);
    }

    /// <summary>
    /// Every scheduled job's record, by name: expression, next due, last run (start, end, outcome, instance) and total
    /// runs across instances.
    /// </summary>
    public Task<IReadOnlyList<ScheduleRecord>> ListSchedulesAsync(CancellationToken ct) => _records.ListAsync(ct);

    /// <summary>Every singleton task's lease, by name: whether it is held, by which instance and since when.</summary>
    public Task<IReadOnlyList<LeaseInfo>> ListSingletonsAsync(CancellationToken ct) => LeaseManager.List(_storage, LeaseNames.SingletonPrefix, ct);
}
