namespace BackgroundRoles.Tests;

/// <summary>
/// One request a <see cref="WebhookReceiver"/> got: its path, signature headers, body, when it arrived (on the
/// receiver's stopwatch), its delivery id header and the status it was answered with.
/// </summary>
internal sealed record ReceivedCallback(string Path, string? Timestamp, string? Signature, string Body, TimeSpan ReceivedAt, string? DeliveryId, int Status);
