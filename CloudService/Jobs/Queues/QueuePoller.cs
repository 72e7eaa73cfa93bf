using BackgroundRoles.Jobs.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Queue.Protocol;

namespace BackgroundRoles.Jobs.Queues;

/// <summary>One poll: queues in priority order, discovery by prefix, the fetch, backoff, throttled failure logs.</summary>
internal sealed class QueuePoller(JobStorage storage, QueueProcessorOptions options, ILogger logger)
{
    /// <summary>
    /// Fetches up to <paramref name="slotCount"/> messages from the first queue that has any and hands each to
    /// <paramref name="dispatch"/>; returns the wait before the next poll.
    /// </summary>
    public async Task<TimeSpan> PollAsync(PollState state, int slotCount, Action<MessageLease> dispatch, TimeProvider timeProvider, CancellationToken stopToken)
    {
        var dispatched = 0;
        try
        {
            foreach (var queueName in await QueuesAsync(state, timeProvider, stopToken).ConfigureAwait(false))
            {
                var fetchedAt = timeProvider.GetUtcNow();
                var messages = await GetMessagesAsync(queueName, slotCount, stopToken).ConfigureAwait(false);
                foreach (var message in messages)
                {
                    dispatch(new MessageLease(storage, queueName, message, fetchedAt));
                    dispatched++;
                }

                // Lower-priority queues only get a turn when every queue before them was empty in this poll.
                if (dispatched > 0)
                {
                    break;
                }
            }

            if (state.ConsecutiveFailures > 0)
            {
                ListenerLog.PollRecovered(logger, options.Name, state.ConsecutiveFailures);
                state.ConsecutiveFailures = 0;
            }
        }
        catch (JobStorageException exception)
        {
            LogPollFailure(state, exception);
        }

        var wait = state.Backoff.Next(dispatched > 0);

        // A full batch means more are likely waiting: take them as soon as a handler slot frees (the slots pace
        // it). Only a partial or empty poll waits, so an idle queue is never polled in a tight loop.
        return dispatched > 0 && dispatched == slotCount ? TimeSpan.Zero : wait;
    }

    private void LogPollFailure(PollState state, JobStorageException exception)
    {
        state.ConsecutiveFailures++;
        var failures = state.ConsecutiveFailures;
        if (failures == 1)
        {
            ListenerLog.PollFailed(logger, options.Name, exception);
        }
        else if (failures == JobDefaults.FailuresBeforeError || (failures > JobDefaults.FailuresBeforeError && (failures - JobDefaults.FailuresBeforeError) % JobDefaults.FailureReminderInterval == 0))
        {
            ListenerLog.PollFailingRepeatedly(logger, options.Name, failures, exception);
        }
        else
        {
            ListenerLog.PollFailedAgain(logger, options.Name, failures, exception);
        }
    }

    private async Task<IReadOnlyList<CloudQueueMessage>> GetMessagesAsync(string queueName, int count, CancellationToken ct)
    {
        var queue = storage.UndecodedQueue(queueName);
        var messages = await storage.Resilience.ExecuteAsync<List<CloudQueueMessage>?>("get messages from " + queueName, async token =>
        {
            try
            {
                var messages = await queue.GetMessagesAsync(count, options.VisibilityTimeout, null, null, token).ConfigureAwait(false);
                return messages.ToList();
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                // A discovered queue may be deleted at any time; a configured one may be deleted by an operator,
                // or lost by a storage emulator that restarted: the configured ones are created again below.
                ListenerLog.QueueMissing(logger, options.Name, queueName);
                return null;
            }
        }, ct).ConfigureAwait(false);
        if (messages is null && options.Queues.Contains(queueName, StringComparer.Ordinal))
        {
            storage.ForgetEnsured();
            await storage.EnsureQueueAsync(queueName, ct).ConfigureAwait(false);
        }

        return messages ?? [];
    }

    /// <summary>The configured queues in order, then the ones discovered by prefix (listed again when due).</summary>
    private async Task<IReadOnlyList<string>> QueuesAsync(PollState state, TimeProvider timeProvider, CancellationToken ct)
    {
        if (options.QueuePrefix is not { Length: > 0 } prefix)
        {
            return options.Queues;
        }

        var now = timeProvider.GetUtcNow();
        if (state.NextDiscovery is null || now >= state.NextDiscovery)
        {
            var found = await ListQueuesAsync(prefix, ct).ConfigureAwait(false);
            var discovered = found.Where(name => !StorageNames.IsPoisonQueue(name) && !options.Queues.Contains(name, StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (!discovered.SequenceEqual(state.Discovered, StringComparer.Ordinal))
            {
                ListenerLog.QueuesDiscovered(logger, options.Name, prefix, discovered.Length, string.Join(",", discovered));
            }

            state.Discovered = discovered;
            state.NextDiscovery = now + options.DiscoveryInterval;
        }

        return [.. options.Queues, .. state.Discovered];
    }

    private async Task<List<string>> ListQueuesAsync(string prefix, CancellationToken ct)
    {
        var names = new List<string>();
        QueueContinuationToken? continuation = null;
        do
        {
            var segment = await storage.Resilience.ExecuteAsync("list queues " + prefix, token =>
                storage.QueueClient.ListQueuesSegmentedAsync(prefix, QueueListingDetails.None, null, continuation, null, null, token), ct).ConfigureAwait(false);
            names.AddRange(segment.Results.Select(queue => queue.Name));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return names;
    }
}
