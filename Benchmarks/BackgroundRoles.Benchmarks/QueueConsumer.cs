namespace BackgroundRoles.Benchmarks;

/// <summary>
/// One row of the queue-throughput benchmark: something that drains N no-op jobs. <see cref="FillAsync"/> puts them
/// there before the clock; <see cref="ConsumeAsync"/> starts the <see cref="RowMeter"/> when its consumer starts and
/// stops it when the N-th job is done; <see cref="CheckDrainedAsync"/> then checks nothing is left.
/// </summary>
internal abstract class QueueConsumer
{
    /// <summary>The row's label in the table.</summary>
    public abstract string Label { get; }

    /// <summary>The row's name in the verdict line.</summary>
    public virtual string ShortName => Label;

    /// <summary>True for a consumer that does not use Azurite (its storage calls and Azurite CPU are not its own).</summary>
    public virtual bool UsesAzurite => true;

    /// <summary>True for a peer our processor is to beat (the WebJobs SDK, Hangfire, the classic loop).</summary>
    public virtual bool IsPeer => false;

    public abstract Task FillAsync(string queue, int jobs);

    public abstract Task ConsumeAsync(string queue, int jobs, RowMeter meter);

    public abstract Task CheckDrainedAsync(string queue);
}
