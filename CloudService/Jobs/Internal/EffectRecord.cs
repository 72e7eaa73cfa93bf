namespace BackgroundRoles.Jobs.Internal;

/// <summary>The idempotency record of one side effect of one job, kept by <see cref="Pipeline.Internal.RunOnceGuard"/>.</summary>
internal sealed record EffectRecord(EffectState State, string Owner, DateTimeOffset LeaseUntil, DateTimeOffset UpdatedAt);
