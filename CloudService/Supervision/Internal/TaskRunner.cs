using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Log = BackgroundRoles.Supervision.Supervisor.Log;

namespace BackgroundRoles.Supervision.Internal;

/// <summary>
/// Supervises one background task: starts it, watches it (heartbeats, healthy period, cancellation grace),
/// classifies how each run ended, and restarts it after a Polly-computed backoff.
/// </summary>
/// <remarks>
/// <see cref="RunAsync"/> is one session, from a start (or unfreeze) to a stop, freeze or escalation. Health
/// bookkeeping lives in TaskRunner.Health.cs.
/// </remarks>
internal sealed partial class TaskRunner
{
    private readonly Func<BackgroundTaskContext, CancellationToken, Task> _run;
    private readonly Supervisor _owner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<Exception, bool> _isCorruptState;
    private readonly Func<Exception, TaskDirective> _decider;
    private readonly ResiliencePipeline<AttemptResult> _restartPipeline;
    private TimeSpan _leakGrace;

    public TaskRunner(
        string name,
        Func<BackgroundTaskContext, CancellationToken, Task> run,
        RestartPolicy policy,
        SupervisorOptions options,
        ILogger logger,
        Supervisor owner)
    {
        Name = name;
        Policy = policy;
        _run = run;
        _owner = owner;
        _time = options.TimeProvider;
        _isCorruptState = options.IsCorruptState;
        _decider = options.DeciderFor(policy);
        _logger = logger;
        _tracker = new RestartTracker(policy.RestartWindow);
        _restartPipeline = BuildRestartPipeline();
    }

    public string Name { get; }

    public RestartPolicy Policy { get; }

    /// <summary>Runs the task until <paramref name="sessionToken"/> is cancelled or the task escalates or leaks.</summary>
    public async Task RunAsync(CancellationToken sessionToken)
    {
        // Never run two copies of a task: one that leaked in an earlier session keeps this one parked.
        // A task its decider stopped stays stopped for the life of the supervisor, across freezes.
        if (sessionToken.IsCancellationRequested || HasLiveLeak || IsDegraded)
        {
            return;
        }

        AttemptResult result = await RunAttemptAsync(sessionToken).ConfigureAwait(false);
        while (true)
        {
            if (result.End == AttemptEnd.Leaked)
            {
                result = await AwaitLeakedRunAsync(result, sessionToken).ConfigureAwait(false);
            }

            if (result.End != AttemptEnd.Failed)
            {
                break;
            }

            // One Polly execution per streak of failures: after a healthy run the backoff starts again from InitialBackoff.
            var streak = new RestartStreak(this, result);
            try
            {
                result = await _restartPipeline
                    .ExecuteAsync(static (streak, token) => streak.NextAsync(token), streak, sessionToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (sessionToken.IsCancellationRequested)
            {
                result = AttemptResult.Cancelled;
            }
        }

        Finish(result);
    }

    /// <summary>Starts one run of the task and waits until it ends, is cancelled, or leaks.</summary>
    internal async ValueTask<AttemptResult> RunAttemptAsync(CancellationToken sessionToken)
    {
        using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(sessionToken);
        BackgroundTaskContext context = BeginAttempt();
        Log.TaskStarted(_logger, Name, context.Attempt);

        // The task runs on the thread pool so that a synchronous start cannot block its supervisor.
        CancellationToken attemptToken = attemptCancellation.Token;
        Task attempt = Task.Run(() => _run(context, attemptToken), CancellationToken.None);
        SetCurrentAttempt(attempt);

        (bool stalled, bool leaked) = await WatchAsync(attempt, attemptCancellation).ConfigureAwait(false);
        if (leaked)
        {
            return Leak(attempt);
        }

        return Classify(attempt, stalled, sessionToken);
    }

    private ResiliencePipeline<AttemptResult> BuildRestartPipeline() =>
        new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { End: AttemptEnd.Failed, RanHealthy: false }),
                BackoffType = DelayBackoffType.Exponential,
                Delay = Policy.InitialBackoff,
                MaxDelay = Policy.MaxBackoff,
                UseJitter = Policy.UseJitter,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    OnBackingOff(args.Outcome.Result?.Error, args.RetryDelay);
                    return default;
                },
            })
            .Build();

    /// <summary>
    /// Waits while the run goes on: marks it healthy after the healthy period, cancels it when it stalls, and once
    /// it is cancelled gives it the cancellation grace to finish.
    /// </summary>
    private async Task<(bool Stalled, bool Leaked)> WatchAsync(Task attempt, CancellationTokenSource attemptCancellation)
    {
        bool stalled = false;
        Task cancelled = Task.Delay(Timeout.InfiniteTimeSpan, attemptCancellation.Token);
        while (!attempt.IsCompleted)
        {
            if (attemptCancellation.IsCancellationRequested)
            {
                if (!stalled)
                {
                    SetState(TaskState.Stopping);
                }

                TimeSpan grace = _owner.CancellationGrace(Policy);
                bool finished = await CompletesWithinAsync(attempt, grace).ConfigureAwait(false);
                if (!finished)
                {
                    _leakGrace = grace;
                }

                return (stalled, !finished);
            }

            TimeSpan? nextCheck = CheckProgress(_time.GetUtcNow(), out bool stallDetected);
            if (stallDetected)
            {
                stalled = true;
                Log.TaskStalled(_logger, Name, Policy.StallTimeout.GetValueOrDefault());
                SetState(TaskState.Stalled);
                attemptCancellation.Cancel();
                continue;
            }

            if (nextCheck is not { } wait)
            {
                await Task.WhenAny(attempt, cancelled).ConfigureAwait(false);
                continue;
            }

            using var timerCancellation = new CancellationTokenSource();
            Task timer = Task.Delay(Delays.Clamp(wait), _time, timerCancellation.Token);
            await Task.WhenAny(attempt, cancelled, timer).ConfigureAwait(false);

            // Cancel rather than just dispose, so that no stale timer stays behind on the clock.
            timerCancellation.Cancel();
        }

        return (stalled, false);
    }

    private async Task<bool> CompletesWithinAsync(Task attempt, TimeSpan grace)
    {
        using var timerCancellation = new CancellationTokenSource();
        Task first = await Task.WhenAny(attempt, Task.Delay(Delays.Clamp(grace), _time, timerCancellation.Token)).ConfigureAwait(false);
        timerCancellation.Cancel();
        return first == attempt;
    }

    private AttemptResult Leak(Task attempt)
    {
        TrackLeak(attempt);
        Log.TaskLeaked(_logger, Name, _leakGrace);
        KeepLeakObserver(ObserveLeakedAsync(attempt));
        return new AttemptResult(AttemptEnd.Leaked, Leaked: attempt);
    }

    /// <summary>
    /// After a stall the leaked run may still finish late; restart then, but never while it still runs. A stop,
    /// freeze or escalation leaves it behind.
    /// </summary>
    private async Task<AttemptResult> AwaitLeakedRunAsync(AttemptResult leak, CancellationToken sessionToken)
    {
        if (sessionToken.IsCancellationRequested)
        {
            return leak;
        }

        await Task.WhenAny(leak.Leaked!, Task.Delay(Timeout.InfiniteTimeSpan, sessionToken)).ConfigureAwait(false);
        if (sessionToken.IsCancellationRequested)
        {
            return leak;
        }

        return RecordFailure(new TimeoutException($"No heartbeat for {Policy.StallTimeout}; the task ignored cancellation."), ranHealthy: false);
    }

    private async Task ObserveLeakedAsync(Task attempt)
    {
        await attempt.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Reading Exception observes it, so a leaked task's failure never surfaces as an unobserved task exception.
        Log.LeakedTaskEnded(_logger, Name, attempt.Status, attempt.Exception);
        ClearLeak(attempt);
    }

    private AttemptResult RecordFailure(Exception error, bool ranHealthy)
    {
        bool exceeded = RecordRestart(error, _time.GetUtcNow());
        return exceeded
            ? new AttemptResult(AttemptEnd.RestartLimitExceeded, error)
            : new AttemptResult(AttemptEnd.Failed, error, ranHealthy);
    }
}
