using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Callbacks.Internal;
using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>What the default steps of one processor share: storage, options, handlers, the logger and the status writes.</summary>
internal sealed class StepServices
{
    public StepServices(JobStorage storage, QueueProcessorOptions options, IReadOnlyDictionary<string, IJobHandler> handlers, ILogger logger)
    {
        Storage = storage;
        Options = options;
        Handlers = handlers;
        Logger = logger;
        Statuses = new StatusWriter(options.TrackStatus ? storage.Statuses : null, logger);
        Failures = new FailurePolicy(options, logger);
        Ordering = storage.Table<OrderingRecord>(JobDefaults.OrderingTable);
        Effects = storage.Table<EffectRecord>(JobDefaults.EffectsTable);
        Callbacks = new CallbackSender(storage, options.Callbacks ?? new CallbackOptions(), logger);
    }

    public CallbackSender Callbacks { get; }

    public JobStorage Storage { get; }

    public QueueProcessorOptions Options { get; }

    public IReadOnlyDictionary<string, IJobHandler> Handlers { get; }

    public ILogger Logger { get; }

    public StatusWriter Statuses { get; }

    public FailurePolicy Failures { get; }

    public DocumentTable<OrderingRecord> Ordering { get; }

    public DocumentTable<EffectRecord> Effects { get; }
}
