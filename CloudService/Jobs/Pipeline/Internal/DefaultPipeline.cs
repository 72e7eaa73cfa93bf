using BackgroundRoles.Jobs.Pipeline.Steps;

namespace BackgroundRoles.Jobs.Pipeline.Internal;

/// <summary>The default steps, in their order (see <see cref="MessagePipelineBuilder"/>).</summary>
internal static class DefaultPipeline
{
    public static MessagePipelineBuilder Builder(StepServices services) => new(
        [
            new(MessageStepNames.Decode, new DecodeStep(services)),
            new(MessageStepNames.Duplicate, new DuplicateStep(services)),
            new(MessageStepNames.Ordering, new OrderingStep(services)),
            new(MessageStepNames.ClaimCheck, new ClaimCheckStep(services)),
            new(MessageStepNames.Handler, new HandlerStep(services)),
        ],
        [
            new(MessageStepNames.OrderingRecord, new OrderingRecordStep(services)),
            new(MessageStepNames.Poison, new PoisonQueueStep(services)),
            new(MessageStepNames.Status, new StatusStep(services)),
            new(MessageStepNames.Reply, new ReplyStep(services)),
            new(MessageStepNames.Callback, new CallbackStep(services)),
            new(MessageStepNames.Settle, new SettleStep()),
        ]);
}
