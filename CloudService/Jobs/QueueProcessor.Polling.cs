using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Queue.Protocol;

namespace BackgroundRoles.Jobs;

/// <summary>Polling: handler slots, queues in priority order, discovery by prefix, backoff, throttled failure logs.</summary>
public sealed partial class QueueProcessor
{
    /// <summary>
    /// Waits (at most the longest polling interval, so heartbeats go on while every handler is busy) for one free
    /// slot, then takes more without waiting, up to the batch size. Returns how many it holds.
    /// </summary>
    private async Task<int> AcquireSlotsAsync(SemaphoreSlim slots, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var wait = new CancellationTokenSource(_options.MaxPollingInterval, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(wait.Token, cancellationToken);
        try
        {
            await slots.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        var acquired = 1;
        while (acquired < _options.BatchSize && slots.Wait(0))
        {
            acquired++;
        }

        return acquired;
    }

    /// <summary>One poll; returns the wait before the next. Slots not used for a message are given back.</summary>
    private async Task<TimeSpan> PollAsync(PollState state, int slotCount, SemaphoreSlim slots, TimeProvider timeProvider, CancellationToken processingToken, CancellationToken stopToken)
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
                    Dispatch(new InFlightJob(new MessageLease(_storage, queueName, message, fetchedAt), processingToken), slots);
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
                Log.PollRecovered(_logger, Name, state.ConsecutiveFailures);
                state.ConsecutiveFailures = 0;
            }
        }
        catch (JobStorageException exception)
        {
            LogPollFailure(state, exception);
        }
        finally
        {
            if (slotCount > dispatched)
            {
                slots.Release(slotCount - dispatched);
            }
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
            Log.PollFailed(_logger, Name, exception);
        }
        else if (failures == JobDefaults.FailuresBeforeError || (failures > JobDefaults.FailuresBeforeError && (failures - JobDefaults.FailuresBeforeError) % JobDefaults.FailureReminderInterval == 0))
        {
            Log.PollFailingRepeatedly(_logger, Name, failures, exception);
        }
        else
        {
            Log.PollFailedAgain(_logger, Name, failures, exception);
        }
    }

    private async Task<IReadOnlyList<CloudQueueMessage>> GetMessagesAsync(string queueName, int count, CancellationToken ct)
    {
        var queue = _storage.UndecodedQueue(queueName);
        var messages = await _storage.Resilience.ExecuteAsync<List<CloudQueueMessage>?>("get messages from " + queueName, async token =>
        {
            try
            {
                var messages = await queue.GetMessagesAsync(count, _options.VisibilityTimeout, null, null, token).ConfigureAwait(false);
                return messages.ToList();
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 404))
            {
                // A discovered queue may be deleted at any time; a configured one may be deleted by an operator,
                // or lost by a storage emulator that restarted: the configured ones are created again below.
                Log.QueueMissing(_logger, Name, queueName);
                return null;
            }
        }, ct).ConfigureAwait(false);
        if (messages is null && _options.Queues.Contains(queueName, StringComparer.Ordinal))
        {
            _storage.ForgetEnsured();
            await _storage.EnsureQueueAsync(queueName, ct).ConfigureAwait(false);
        }

        return messages ?? [];
    }

    /// <summary>The configured queues in order, then the ones discovered by prefix (listed again when due).</summary>
    private async Task<IReadOnlyList<string>> QueuesAsync(PollState state, TimeProvider timeProvider, CancellationToken ct)
    {
        if (_options.QueuePrefix is not { Length: > 0 } prefix)
        {
            return _options.Queues;
        }

        var now = timeProvider.GetUtcNow();
        if (state.NextDiscovery is null || now >= state.NextDiscovery)
        {
            var found = await ListQueuesAsync(prefix, ct).ConfigureAwait(false);
            var discovered = found.Where(name => !StorageNames.IsPoisonQueue(name) && !_options.Queues.Contains(name, StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (!discovered.SequenceEqual(state.Discovered, StringComparer.Ordinal))
            {
                Log.QueuesDiscovered(_logger, Name, prefix, discovered.Length, string.Join(",", discovered));
            }

            state.Discovered = discovered;
            state.NextDiscovery = now + _options.DiscoveryInterval;
        }

        return [.. _options.Queues, .. state.Discovered];
    }

    private async Task<List<string>> ListQueuesAsync(string prefix, CancellationToken ct)
    {
        var names = new List<string>();
        QueueContinuationToken? continuation = null;
        do
        {
            var segment = await _storage.Resilience.ExecuteAsync("list queues " + prefix, token =>
                _storage.QueueClient.ListQueuesSegmentedAsync(prefix, QueueListingDetails.None, null, continuation, null, null, token), ct).ConfigureAwait(false);
            names.AddRange(segment.Results.Select(queue => queue.Name));
            continuation = segment.ContinuationToken;
        }
        while (continuation is not null);

        return names;
    }
}
