namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>One request a <see cref="WebhookReceiver"/> got.</summary>
internal sealed record ReceivedCallback(string Path, string? Timestamp, string? Signature, string Body);
