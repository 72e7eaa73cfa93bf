using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>
/// Runs one message through the steps: intake in order until one sets the outcome, then every completion step under
/// a completion token of its own. Whatever fails on the way (a step, storage after its retries, the completion
/// itself) counts as a failed attempt through <see cref="FailurePolicy"/>, and that outcome is completed instead;
/// when even that fails, the message comes back by itself when its visibility ends, one dequeue count further.
/// A cancellation of the processing token is left to the listener (lost message, or release on stop).
/// </summary>
internal sealed class MessagePipeline(StepServices services, IReadOnlyList<IMessageStep> intake, IReadOnlyList<IMessageStep> completion)
{
    public async Task RunAsync(MessageContext message)
    {
        try
        {
            foreach (var step in intake)
            {
                await step.ExecuteAsync(message, message.ProcessingToken).ConfigureAwait(false);
                if (message.Outcome is not null)
                {
                    break;
                }
            }

            if (message.Outcome is null)
            {
                throw new InvalidOperationException("No step of the message pipeline gave the message an outcome.");
            }

            await CompleteAsync(message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (message.ProcessingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (!Fatal.IsFatal(exception))
        {
            await FailAttemptAsync(message, exception).ConfigureAwait(false);
        }
    }

    private async Task FailAttemptAsync(MessageContext message, Exception exception)
    {
        try
        {
            message.Outcome = services.Failures.Classify(message, exception);
            await CompleteAsync(message).ConfigureAwait(false);
        }
        catch (Exception second) when (!Fatal.IsFatal(second))
        {
            PipelineLog.ProcessingFailed(services.Logger, message.MessageId, message.QueueName, message.DequeueCount, services.Options.MaxDequeueCount, second);
        }
    }

    private async Task CompleteAsync(MessageContext message)
    {
        var outcome = message.Outcome!;
        if (outcome.Kind == MessageOutcomeKind.Abandoned)
        {
            return;
        }

        var handlerDone = message.HandlerDone;
        message.HandlerDone = null;
        handlerDone?.Invoke();

        using var completionToken = new CancellationTokenSource(services.Options.CompletionTimeout, message.TimeProvider);
        message.CompletedAt = message.TimeProvider.GetUtcNow();
        foreach (var step in completion)
        {
            await step.ExecuteAsync(message, completionToken.Token).ConfigureAwait(false);
        }

        LogCompleted(message, outcome);
    }

    private void LogCompleted(MessageContext message, MessageOutcome outcome)
    {
        var logger = services.Logger;
        switch (outcome.Kind)
        {
            case MessageOutcomeKind.Succeeded when message.Envelope is { } envelope:
                PipelineLog.JobSucceeded(logger, envelope.JobId, envelope.JobType, message.QueueName, message.DequeueCount);
                break;
            case MessageOutcomeKind.Failed when message.Envelope is { } envelope && outcome.Exception is JobFailedException:
                PipelineLog.JobEndedFailed(logger, envelope.JobId, envelope.JobType, message.QueueName, outcome.Error!);
                break;
            case MessageOutcomeKind.Poisoned:
                PipelineLog.JobPoisoned(logger, message.Envelope?.JobId, message.MessageId, message.QueueName, outcome.PoisonReason!.Value, message.DequeueCount, outcome.Exception!);
                break;
        }
    }
}
