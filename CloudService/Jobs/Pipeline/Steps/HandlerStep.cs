using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// Status Running, then the job type's handler with its <see cref="JobContext"/>: success is the handler's result, a
/// failure becomes the outcome <see cref="FailurePolicy"/> gives it. The context's run-once guard runs on the
/// processor's clock for this run (<see cref="MessageContext.TimeProvider"/>), like every other step.
/// </summary>
internal sealed class HandlerStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { } envelope || message.Handler is not { } handler || message.Payload is not { } payload)
        {
            throw new InvalidOperationException($"The '{MessageStepNames.Handler}' step needs the '{MessageStepNames.Decode}' and '{MessageStepNames.ClaimCheck}' steps before it.");
        }

        var startedAt = message.TimeProvider.GetUtcNow();
        var attempt = message.DequeueCount;
        await services.Statuses.UpdateAsync(message, envelope, status => status with
        {
            State = JobState.Running,
            StartedAt = startedAt,
            Attempts = attempt,
        }, cancellationToken).ConfigureAwait(false);
        PipelineLog.JobStarted(services.Logger, envelope.JobId, envelope.JobType, message.QueueName, attempt);

        var options = services.Options;
        var runOnce = new RunOnceGuard(services.Effects, message.TimeProvider, options.RunOnceLease, options.CompletionTimeout);
        var context = new JobContext(envelope, payload, message.Lease, services.Statuses.Store, runOnce, options.VisibilityTimeout, message.TimeProvider);
        try
        {
            var result = await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false) ?? JobResult.Success;
            message.Outcome = MessageOutcome.Succeeded(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            message.Outcome = services.Failures.Classify(message, exception);
        }
    }
}
