namespace BackgroundRoles.Jobs.Inspection;

/// <summary>A message of a job found by <see cref="QueueInspector.FindJobMessagesAsync"/>: the queue it is in and the message as peeked.</summary>
public sealed record FoundJobMessage(string QueueName, PeekedMessage Message);
