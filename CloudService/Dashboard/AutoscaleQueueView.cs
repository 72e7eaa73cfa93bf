namespace BackgroundRoles.Dashboard;

/// <summary>A queue an autoscale rule follows.</summary>
/// <param name="Name">The queue.</param>
/// <param name="MessagesPerInstance">How many messages one instance is meant to take.</param>
/// <param name="Length">Its approximate message count at the last round; null when none was read yet.</param>
public sealed record AutoscaleQueueView(string Name, int MessagesPerInstance, int? Length);
