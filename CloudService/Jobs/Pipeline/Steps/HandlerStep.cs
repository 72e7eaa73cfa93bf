using BackgroundRoles.Jobs.Internal;
using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Steps;

/// <summary>
/// The job type's handler with its <see cref="JobContext"/>: success is the handler's result, a failure becomes the
/// outcome <see cref="FailurePolicy"/> gives it. Status Running is written once the handler has run for
/// <see cref="QueueProcessorOptions.RunningStatusDelay"/> (or reports progress; before it starts when the delay is
/// zero), so a quick job costs no write for it. The context's run-once guard runs on the processor's clock for this
/// run (<see cref="MessageContext.TimeProvider"/>), like every other step.
/// </summary>
internal sealed class HandlerStep(StepServices services) : IMessageStep
{
    public async Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken)
    {
        if (message.Envelope is not { } envelope || message.Handler is not { } handler || message.Payload is not { } payload)
        {
            throw new InvalidOperationException($"The '{MessageStepNames.Handler}' step needs the '{MessageStepNames.Decode}' and '{MessageStepNames.ClaimCheck}' steps before it.");
        }

        message.StartedAt = message.TimeProvider.GetUtcNow();
        var options = services.Options;
        await using var running = new RunningStatus(services.Statuses, message, envelope, services.Logger, cancellationToken);
        if (services.Statuses.Store is not null)
        {
            if (options.RunningStatusDelay <= TimeSpan.Zero)
            {
                await running.EnsureAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                running.WriteAfter(options.RunningStatusDelay);
            }
        }

        PipelineLog.JobStarted(services.Logger, envelope.JobId, envelope.JobType, message.QueueName, message.DequeueCount);
        var runOnce = new RunOnceGuard(services.Effects, message.TimeProvider, options.RunOnceLease, options.CompletionTimeout);
        var context = new JobContext(envelope, payload, message.Lease, services.Statuses.Store, running.EnsureAsync, runOnce, options.VisibilityTimeout, message.TimeProvider);
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
