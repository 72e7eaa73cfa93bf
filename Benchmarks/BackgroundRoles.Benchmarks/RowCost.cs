namespace BackgroundRoles.Benchmarks;

/// <summary>One row's wall time, storage calls by service (blob, queue, table) and CPU time of the harness and of Azurite.</summary>
internal sealed record RowCost(TimeSpan Elapsed, long[] Calls, TimeSpan SelfCpu, TimeSpan AzuriteCpu);
