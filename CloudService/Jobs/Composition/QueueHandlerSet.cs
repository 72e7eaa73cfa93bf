using BackgroundRoles.Jobs.Internal;

namespace BackgroundRoles.Jobs.Composition;

/// <summary>
/// The queue handlers a role declares (<see cref="QueueHandlerRegistration.AddQueueHandlers"/>): each bound to a route
/// (queue and job type), grouped by queue into one processor each, with the options of each group.
/// </summary>
public sealed class QueueHandlerSet
{
    private readonly List<(string Queue, IJobHandler Handler)> _handlers = [];
    private readonly Dictionary<string, Func<QueueProcessorOptions, QueueProcessorOptions>> _configure = new(StringComparer.Ordinal);
    private Func<QueueProcessorOptions, QueueProcessorOptions> _configureAll = static options => options;

    internal QueueHandlerSet()
    {
    }

    /// <summary>Binds <paramref name="handler"/> to <paramref name="route"/>: its queue's processor runs the route's jobs with it.</summary>
    /// <param name="route">The queue and the job type, as a contract declares them (a route converts to this pair).</param>
    /// <param name="handler">The handler of the route's payload.</param>
    /// <exception cref="ArgumentException">A bad queue name, an empty job type, or a job type already bound on that queue.</exception>
    public QueueHandlerSet Handle<TPayload>((string Queue, string JobType) route, IJobHandler<TPayload> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrEmpty(route.JobType, nameof(route));
        return Handle(route.Queue, new TypedJobHandler<TPayload>(route.JobType, handler));
    }

    /// <summary>Binds an untyped <paramref name="handler"/> (its own <see cref="IJobHandler.JobType"/>, its own payload reading) to <paramref name="queue"/>.</summary>
    /// <exception cref="ArgumentException">A bad queue name, or a job type already bound on that queue.</exception>
    public QueueHandlerSet Handle(string queue, IJobHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        StorageNames.ValidateQueue(queue);
        if (_handlers.Any(bound => bound.Queue == queue && bound.Handler.JobType == handler.JobType))
        {
            throw new ArgumentException($"Job type '{handler.JobType}' already has a handler on queue '{queue}'.", nameof(handler));
        }

        _handlers.Add((queue, handler));
        return this;
    }

    /// <summary>Sets options of every queue's processor (concurrency, visibility timeout...); applied before <see cref="Configure"/>.</summary>
    public QueueHandlerSet ConfigureAll(Func<QueueProcessorOptions, QueueProcessorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var before = _configureAll;
        _configureAll = options => configure(before(options));
        return this;
    }

    /// <summary>
    /// Sets options of <paramref name="queue"/>'s processor. Its queue list and stop stages are the kit's to set: a
    /// processor polls its own queue and stops in the role's stop stages, whatever is set here.
    /// </summary>
    public QueueHandlerSet Configure(string queue, Func<QueueProcessorOptions, QueueProcessorOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        StorageNames.ValidateQueue(queue);
        _configure[queue] = _configure.TryGetValue(queue, out var before) ? options => configure(before(options)) : configure;
        return this;
    }

    /// <summary>Each queue with its processor's options (named after the queue unless set) and handlers, in declaration order.</summary>
    /// <exception cref="ArgumentException">Options set for a queue that has no handler.</exception>
    internal IReadOnlyList<(QueueProcessorOptions Options, IReadOnlyList<IJobHandler> Handlers)> Groups(Supervision.StopStages stop)
    {
        var unknown = _configure.Keys.FirstOrDefault(queue => _handlers.All(bound => bound.Queue != queue));
        if (unknown is not null)
        {
            throw new ArgumentException($"Options were set for queue '{unknown}', which has no handler.");
        }

        return _handlers
            .GroupBy(bound => bound.Queue, StringComparer.Ordinal)
            .Select(group =>
            {
                var options = _configureAll(new QueueProcessorOptions { Name = group.Key });
                if (_configure.TryGetValue(group.Key, out var configure))
                {
                    options = configure(options);
                }

                options = (options with { Queues = [group.Key], QueuePrefix = null }).WithStopStages(stop);
                return (options, (IReadOnlyList<IJobHandler>)group.Select(bound => bound.Handler).ToArray());
            })
            .ToArray();
    }
}
