using BackgroundRoles.Jobs.Composition.Internal;
using BackgroundRoles.Jobs.Triggers;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Jobs.Composition;

/// <summary>Storage-change triggers on a <see cref="RoleKit"/>: a handler for every new or changed blob in a container.</summary>
public static class BlobTriggerRegistration
{
    /// <summary>
    /// Declares a <see cref="BlobTrigger"/>: <paramref name="handler"/> runs once for every version of every blob in
    /// <paramref name="container"/> whose name matches <paramref name="namePattern"/>, across the role's instances
    /// and restarts, with receipts, retries, poison handling and status records (see <see cref="BlobTrigger"/>). It
    /// drains in the kit's <see cref="RoleKit.StopStages"/> and runs on the kit's clock; its instance id is the one
    /// given to <c>UseCoordination</c> when the kit coordinates.
    /// </summary>
    /// <param name="kit">The role's kit.</param>
    /// <param name="storage">The account of the container, the receipts and the status records.</param>
    /// <param name="container">The container watched.</param>
    /// <param name="namePattern">Which names start the handler (<c>*</c> any run of characters, <c>?</c> one); null for all.</param>
    /// <param name="handler">One attempt at one blob version (see <see cref="BlobTrigger(JobStorage, BlobTriggerOptions, Func{BlobChange, CancellationToken, Task{JobResult}}, Microsoft.Extensions.Logging.ILoggerFactory, TimeProvider?)"/>).</param>
    /// <param name="configure">Sets the other options (scan interval, attempts, concurrency, name, ...); the container and the pattern are the arguments'.</param>
    /// <param name="policy">How its task restarts; default <see cref="RoleKit.DefaultPolicy"/>.</param>
    /// <exception cref="ArgumentException">A bad container name, pattern or option (named in the message).</exception>
    public static RoleKit AddBlobTrigger(
        this RoleKit kit,
        JobStorage storage,
        string container,
        string? namePattern,
        Func<BlobChange, CancellationToken, Task<JobResult>> handler,
        Func<BlobTriggerOptions, BlobTriggerOptions>? configure = null,
        RestartPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(handler);
        var options = new BlobTriggerOptions { Container = container, DrainTimeout = kit.StopStages.Drain };
        if (KitCoordination.TryOf(kit) is { } coordination)
        {
            options = options with { InstanceId = coordination.Leases.InstanceId };
        }

        options = (configure?.Invoke(options) ?? options) with { Container = container, NamePattern = namePattern };
        kit.Add(new BlobTrigger(storage, options, handler, kit.LoggerFactory, kit.TimeProvider), policy);
        return kit;
    }
}
