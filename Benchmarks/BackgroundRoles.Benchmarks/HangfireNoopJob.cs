namespace BackgroundRoles.Benchmarks;

/// <summary>The Hangfire peer's background job: does nothing but count.</summary>
/// <param name="done">Called once per run.</param>
public sealed class HangfireNoopJob(Action done)
{
    public void Run() => done();
}
