using BackgroundRoles.Jobs.Callbacks.Internal;
using BackgroundRoles.Supervision.Composition;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Composition;

/// <summary>Queue handlers on a <see cref="RoleKit"/>: one <see cref="QueueProcessor"/> per queue, declared by route.</summary>
public static class QueueHandlerRegistration
{
    /// <summary>
    /// Declares queue handlers: <paramref name="declare"/> binds each handler to its route, the handlers are grouped
    /// by queue, and each queue gets one processor (named after the queue unless set otherwise) that stops in the
    /// kit's <see cref="RoleKit.StopStages"/> and runs under the kit's <see cref="RoleKit.DefaultPolicy"/>. A new job
    /// type is one route in the contracts plus one <see cref="IJobHandler{TPayload}"/> bound here. When any queue has
    /// webhook callbacks on (<see cref="QueueProcessorOptions.Callbacks"/>), the kit also adds one supervised
    /// <c>callback-sweep</c> task that delivers the callbacks of senders that stopped or died, on any instance.
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
        var groups = handlers.Groups(kit.StopStages);
        foreach (var (options, group) in groups)
        {
            kit.Add(storage.CreateProcessor(options, group, kit.LoggerFactory, kit.TimeProvider));
        }

        var callbacks = groups
            .Where(group => group.Options.Callbacks is { Enabled: true })
            .Select(group => (group.Options.Queues[0], group.Options.Callbacks!))
            .ToArray();
        if (callbacks.Length > 0)
        {
            kit.Add(new CallbackSweep(SweepName(kit), storage, callbacks, kit.LoggerFactory.CreateLogger<CallbackSweep>(), kit.TimeProvider));
        }

        return kit;
    }

    /// <summary><see cref="JobDefaults.CallbackSweepTaskName"/>, numbered when the role declares queue handlers more than once.</summary>
    private static string SweepName(RoleKit kit)
    {
        var taken = kit.Supervisor.GetHealth().Select(task => task.Name).ToHashSet(StringComparer.Ordinal);
        var name = JobDefaults.CallbackSweepTaskName;
        for (var n = 2; taken.Contains(name); n++)
        {
            name = $"{JobDefaults.CallbackSweepTaskName}-{n}";
        }

        return name;
    }
}
