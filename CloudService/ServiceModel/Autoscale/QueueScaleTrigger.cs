namespace BackgroundRoles.ServiceModel;

/// <summary>A queue whose approximate length asks for one instance per <paramref name="MessagesPerInstance"/> messages.</summary>
/// <param name="QueueName">The storage queue's name (3 to 63 lowercase letters, digits and single hyphens).</param>
/// <param name="MessagesPerInstance">The target queue length per instance, 1 or more.</param>
/// <param name="Location">Where the queue's entry is in the rule file.</param>
public sealed record QueueScaleTrigger(string QueueName, int MessagesPerInstance, SourceLocation Location);
