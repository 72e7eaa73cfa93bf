using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>
/// What a failed attempt becomes, whatever failed (the handler, storage after its retries, a step): so no message is
/// retried for ever.
/// </summary>
internal sealed class FailurePolicy(QueueProcessorOptions options, ILogger logger)
{
    /// <summary>
    /// Abandoned when the message is no longer ours; a <see cref="JobFailedException"/> ends the job Failed; poison on
    /// <see cref="PoisonJobException"/> or at the dequeue limit; otherwise release with a delay that grows with the
    /// dequeue count.
    /// </summary>
    public MessageOutcome Classify(MessageContext message, Exception exception)
    {
        var envelope = message.Envelope;
        if (message.IsFinished)
        {
            // Released on stop or taken by another worker while the handler went on: the message, and with it the
            // job's status, belong to the next attempt now.
            PipelineLog.LateFailureIgnored(logger, envelope?.JobId, message.MessageId, message.QueueName, exception);
            return MessageOutcome.Abandoned(exception);
        }

        if (exception is JobFailedException failed && envelope is not null)
        {
            return MessageOutcome.Failed(failed.Message, failed);
        }

        if (exception is PoisonJobException)
        {
            return MessageOutcome.Poisoned(PoisonReason.Rejected, exception);
        }

        if (message.DequeueCount >= options.MaxDequeueCount)
        {
            return MessageOutcome.Poisoned(PoisonReason.TooManyAttempts, exception);
        }

        var delay = options.RetryDelayFor(message.DequeueCount);
        if (envelope is null)
        {
            PipelineLog.ProcessingRetried(logger, message.MessageId, message.QueueName, message.DequeueCount, options.MaxDequeueCount, delay, exception);
        }
        else
        {
            PipelineLog.JobFailed(logger, envelope.JobId, envelope.JobType, message.QueueName, message.DequeueCount, delay, exception);
        }

        return MessageOutcome.Released(delay, PoisonError.From(exception).ToString(), exception);
    }
}
