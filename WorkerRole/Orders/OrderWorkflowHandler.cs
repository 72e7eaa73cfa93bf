using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>
/// The order workflow: reserve each line's stock, charge, ship, write the confirmation email. Each action's side
/// effect runs at most once (<see cref="JobContext.RunOnceAsync"/>), and the message's checkpoint is updated after
/// each one, so a new delivery resumes after the last completed action. An action that fails permanently, or
/// <see cref="MaxAttempts"/> times, undoes the completed actions in reverse (release stock, refund) and the job
/// ends Failed with the reason. A payload that breaks the contract (<see cref="OrderPayload"/>) is poison before any
/// step runs.
/// </summary>
internal sealed class OrderWorkflowHandler(Inventory inventory, PaymentService payments, ShippingService shipping, ConfirmationOutbox outbox) : IJobHandler<OrderJob>
{
    /// <summary>Attempts of one action before the workflow gives up; below the queue's MaxDequeueCount, so it is never poisoned for this.</summary>
    public const int MaxAttempts = 3;

    public async Task<JobResult> HandleAsync(OrderJob order, JobContext context, CancellationToken cancellationToken)
    {
        OrderPayload.Check(order);
        var actions = Actions(context.JobId, order);
        var checkpoint = OrderCheckpoint.Parse(context.Checkpoint);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (checkpoint.IsDone(action.Name))
            {
                continue;
            }

            try
            {
                await context.RunOnceAsync(action.Name, action.Do, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                checkpoint = checkpoint.WithFailure(action.Name);
                var permanent = e is OrderStepException { IsPermanent: true };
                if (permanent || checkpoint.FailuresOf(action.Name) >= MaxAttempts)
                {
                    await CompensateAsync(context, actions, checkpoint, cancellationToken).ConfigureAwait(false);
                    var why = permanent ? e.Message : $"{e.Message} ({MaxAttempts} attempts)";
                    throw new JobFailedException($"{action.Name} failed: {why}; completed steps were undone");
                }

                await context.SaveCheckpointAsync(checkpoint.ToJson(), cancellationToken).ConfigureAwait(false);
                throw;
            }

            checkpoint = checkpoint.WithCompleted(action.Name);
            await context.SaveCheckpointAsync(checkpoint.ToJson(), cancellationToken).ConfigureAwait(false);
            await context.ReportProgressAsync((i + 1) * 100 / actions.Count, cancellationToken).ConfigureAwait(false);
        }

        return new JobResult($"{JobQueues.OutboxContainer}/{ConfirmationOutbox.MessageName(context.JobId)}");
    }

    /// <summary>Undoes the completed actions, last first; each undo also runs at most once.</summary>
    private static async Task CompensateAsync(JobContext context, IReadOnlyList<OrderAction> actions, OrderCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        foreach (var action in actions.Where(a => checkpoint.IsDone(a.Name) && a.Undo is not null).Reverse())
        {
            await context.RunOnceAsync("undo:" + action.Name, action.Undo!, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<OrderAction> Actions(string orderId, OrderJob order)
    {
        var actions = order.Items
            .Select(line => new OrderAction(
                $"reserve:{line.Sku}",
                ct => inventory.ReserveAsync(orderId, line.Sku, line.Quantity, ct),
                ct => inventory.ReleaseAsync(orderId, line.Sku, line.Quantity, ct)))
            .ToList();
        actions.Add(new OrderAction("charge", ct => payments.ChargeAsync(orderId, order, ct), ct => payments.RefundAsync(orderId, ct)));
        actions.Add(new OrderAction("ship", ct => shipping.ShipAsync(orderId, order, ct), null));
        actions.Add(new OrderAction("confirm", ct => outbox.WriteAsync(orderId, order, ct), null));
        return actions;
    }

    private sealed record OrderAction(string Name, Func<CancellationToken, Task> Do, Func<CancellationToken, Task>? Undo);
}
