namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>The handlers of one SDK event; adding one attaches the bridge to the installed runtime environment.</summary>
internal sealed class HandlerList<TArgs>
    where TArgs : EventArgs
{
    private readonly Lock _gate = new();
    private EventHandler<TArgs>? _handlers;

    public bool IsEmpty => Volatile.Read(ref _handlers) is null;

    public void Add(EventHandler<TArgs>? handler)
    {
        lock (_gate)
        {
            _handlers += handler;
        }

        EventBridge.EnsureAttached();
    }

    public void Remove(EventHandler<TArgs>? handler)
    {
        lock (_gate)
        {
            _handlers -= handler;
        }
    }

    /// <summary>Calls every handler with the same arguments, so one handler's Cancel is seen by the next, as in the SDK.</summary>
    public void Invoke(TArgs args) => Volatile.Read(ref _handlers)?.Invoke(null, args);

    /// <summary>Forgets every handler; for tests that install several environments in one process.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _handlers = null;
        }
    }
}
