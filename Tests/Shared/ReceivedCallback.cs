namespace BackgroundRoles.Tests;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
internal sealed record ReceivedCallback(string Path, string? Timestamp, string? Signature, string Body);
