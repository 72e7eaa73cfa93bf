using Log = BackgroundRoles.Supervision.Supervisor.Log;

namespace BackgroundRoles.Supervision.Internal;

/// <summary>
/// How a run's end is judged and acted on: the task's decider (<see cref="RestartPolicy.Decider"/>, else
/// <see cref="SupervisorOptions.Decider"/>, else corrupt state escalates and the rest restarts) chooses for an
/// exception the task threw; fatal errors, cancellations, stalls and returns are judged by fixed rules.
/// </summary>
internal sealed partial class TaskRunner
{
    private AttemptResult Classify(Task attempt, bool stalled, CancellationToken sessionToken)
    {
        Exception? error = attempt.Status switch
        {
            TaskStatus.Faulted when attempt.Exception!.InnerExceptions.Count == 1 => attempt.Exception.InnerException,
            TaskStatus.Faulted => attempt.Exception,
            TaskStatus.Canceled => new TaskCanceledException(attempt),
            _ => null,
        };
        bool ranHealthy = EndAttempt(_time.GetUtcNow());

        if (error is not null && FatalExceptions.IsFatal(error))
        {
            return new AttemptResult(AttemptEnd.Fatal, error);
        }

        if (sessionToken.IsCancellationRequested)
        {
            // Cancellation is normal only because it was the task's own token that was cancelled.
            if (error is not null and not OperationCanceledException)
            {
                Log.TaskFailedWhileStopping(_logger, Name, error);
            }

            return AttemptResult.Cancelled;
        }

        if (error is not null)
        {
            switch (_decider(error))
            {
                case TaskDirective.Escalate:
                    return new AttemptResult(_isCorruptState(error) ? AttemptEnd.CorruptState : AttemptEnd.Escalate, error);
                case TaskDirective.Stop:
                    RecordError(error, _time.GetUtcNow());
                    return new AttemptResult(AttemptEnd.Degraded, error);
            }
        }

        if (stalled)
        {
            error = new TimeoutException($"No heartbeat for {Policy.StallTimeout}.");
        }

        // An OperationCanceledException from some other token is a failure like any other.
        error ??= new InvalidOperationException("The task returned while it should still be running.");
        return RecordFailure(error, ranHealthy);
    }

    private void Finish(AttemptResult result)
    {
        switch (result.End)
        {
            case AttemptEnd.Cancelled:
                SetState(TaskState.Stopped);
                break;
            case AttemptEnd.Leaked:
                // Stays Leaked; ObserveLeakedAsync reports when (if ever) the run ends.
                break;
            case AttemptEnd.RestartLimitExceeded:
                SetState(TaskState.Faulted);
                _owner.Escalate(new SupervisorOutcome(SupervisorOutcomeKind.Escalated, EscalationReason.RestartLimitExceeded, Name, result.Error));
                break;
            case AttemptEnd.CorruptState:
                SetState(TaskState.Faulted);
                _owner.Escalate(new SupervisorOutcome(SupervisorOutcomeKind.Escalated, EscalationReason.CorruptState, Name, result.Error));
                break;
            case AttemptEnd.Escalate:
                SetState(TaskState.Faulted);
                _owner.Escalate(new SupervisorOutcome(SupervisorOutcomeKind.Escalated, EscalationReason.Decided, Name, result.Error));
                break;
            case AttemptEnd.Degraded:
                Log.TaskDegraded(_logger, Name, result.Error!);
                SetState(TaskState.Degraded);
                break;
            case AttemptEnd.Fatal:
                SetState(TaskState.Faulted);
                _owner.ReportFatal(Name, result.Error!);
                break;
            default:
                throw new InvalidOperationException($"A run that ended as {result.End} is restarted, not finished.");
        }
    }
}
