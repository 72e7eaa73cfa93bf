using Microsoft.Azure.WebJobs;

namespace BackgroundRoles.Benchmarks;

/// <summary>The WebJobs SDK peer's function: a QueueTrigger on the row's queue (<c>%BenchQueue%</c>) that does nothing but count.</summary>
/// <param name="done">Called once per invocation.</param>
public sealed class WebJobsNoopFunction(Action done)
{
    /// <summary>The queue's setting name, resolved from the host's configuration.</summary>
    public const string QueueSetting = "BenchQueue";

    public void Run([QueueTrigger("%" + QueueSetting + "%")] string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        done();
    }
}
