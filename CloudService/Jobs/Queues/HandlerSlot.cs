namespace BackgroundRoles.Jobs.Queues;

/// <summary>
/// One held message's handler slot: taken before its pipeline runs (a prefetched message waits here), given back once,
/// with the message's place in the <see cref="FetchWindow"/> and the handler's time for its moving average.
/// </summary>
internal sealed class HandlerSlot(SemaphoreSlim handlers, FetchWindow window, TimeProvider timeProvider)
{
    private long _takenAt;
    private int _state;

    /// <summary>Waits for a free handler; false when <paramref name="jobToken"/> or <paramref name="stopToken"/> came first.</summary>
    public async Task<bool> TakeAsync(CancellationToken jobToken, CancellationToken stopToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(jobToken, stopToken);
        try
        {
            await handlers.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            return false;
        }

        _takenAt = timeProvider.GetTimestamp();
        Volatile.Write(ref _state, 1);
        return true;
    }

    /// <summary>Gives the slot back (the first call only): the handler, if taken, and the message's place in the window.</summary>
    public void Release()
    {
        var state = Interlocked.Exchange(ref _state, 2);
        if (state == 2)
        {
            return;
        }

        if (state == 1)
        {
            window.Observe(timeProvider.GetElapsedTime(_takenAt));
            handlers.Release();
        }

        window.Return(1);
    }
}
