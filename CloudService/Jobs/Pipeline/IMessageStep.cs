namespace BackgroundRoles.Jobs.Pipeline;

/// <summary>
/// One step of a queue processor's message pipeline. Intake steps run in order until one sets
/// <see cref="MessageContext.Outcome"/> (the last default one runs the handler); completion steps then all run, each
/// acting on the outcomes it cares about. Steps are shared by every message of a processor, so they must be safe to
/// call concurrently. See <see cref="MessagePipelineBuilder"/> for the default steps and how to replace them.
/// </summary>
public interface IMessageStep
{
    /// <summary>
    /// Runs the step on one message. An exception counts as a failed attempt of the message: released with the retry
    /// delay, or poisoned at <see cref="QueueProcessorOptions.MaxDequeueCount"/>, like a handler's failure.
    /// </summary>
    /// <param name="message">The message, what earlier steps learnt of it, and its outcome once known.</param>
    /// <param name="cancellationToken">
    /// Intake: the processing token (cancelled when the processor's drain ends or another worker took the message).
    /// Completion: a token of <see cref="QueueProcessorOptions.CompletionTimeout"/> of its own, so a stop never
    /// abandons a completion halfway.
    /// </param>
    Task ExecuteAsync(MessageContext message, CancellationToken cancellationToken);
}
