namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>A queue's approximate message count as the autoscaler read it.</summary>
/// <param name="QueueName">The queue the rule names.</param>
/// <param name="Length">Its approximate message count; 0 when the queue does not exist yet.</param>
public sealed record QueueLength(string QueueName, int Length);
