namespace BackgroundRoles.Supervision.Internal;

/// <summary>
/// One Polly execution of the restart pipeline: a run of failures without a healthy run in between. It begins with
/// the failure that opened it, so Polly's first delay (attempt 0, <see cref="RestartPolicy.InitialBackoff"/>) comes
/// before the first restart; every later callback is a restart.
/// </summary>
internal sealed class RestartStreak(TaskRunner runner, AttemptResult opening)
{
    // The opening failure may have ended a healthy run; inside the streak it is an ordinary failure to retry.
    private AttemptResult? _opening = opening with { RanHealthy = false };

    public ValueTask<AttemptResult> NextAsync(CancellationToken sessionToken)
    {
        if (_opening is { } opening)
        {
            _opening = null;
            return ValueTask.FromResult(opening);
        }

        return runner.RunAttemptAsync(sessionToken);
    }
}
