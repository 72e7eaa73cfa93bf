using BackgroundRoles.Supervision.Composition;

namespace BackgroundRoles.Jobs.Composition;

/// <summary>Queue handlers on a <see cref="RoleKit"/>: one <see cref="QueueProcessor"/> per queue, declared by route.</summary>
public static class QueueHandlerRegistration
{
    /// <summary>
    /// Declares queue handlers: <paramref name="declare"/> binds each handler to its route, the handlers are grouped
    /// by queue, and each queue gets one processor (named after the queue unless set otherwise) that stops in the
    /// kit's <see cref="RoleKit.StopStages"/> and runs under the kit's <see cref="RoleKit.DefaultPolicy"/>. A new job
    /// type is one route in the contracts plus one <see cref="IJobHandler{TPayload}"/> bound here.
    /// </summary>
    /// <param name="kit">The role's kit.</param>
    /// <param name="storage">The storage the processors poll.</param>
    /// <param name="declare">Binds the handlers and sets each queue's options.</param>
    /// <exception cref="ArgumentException">A route bound twice, options for a queue without a handler, or options out of range.</exception>
    public static RoleKit AddQueueHandlers(this RoleKit kit, JobStorage storage, Action<QueueHandlerSet> declare)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(declare);
        var handlers = new QueueHandlerSet();
        declare(handlers);
        foreach (var (options, group) in handlers.Groups(kit.StopStages))
        {
            kit.Add(storage.CreateProcessor(options, group, kit.LoggerFactory, kit.TimeProvider));
        }

        return kit;
    }
}
