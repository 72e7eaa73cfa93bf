namespace BackgroundRoles.Tests;

/// <summary>One request a <see cref="WebhookReceiver"/> got: its path, signature headers, body, and when it arrived (on the receiver's stopwatch).</summary>
internal sealed record ReceivedCallback(string Path, string? Timestamp, string? Signature, string Body, TimeSpan ReceivedAt);
