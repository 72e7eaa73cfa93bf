namespace BackgroundRoles.Fabric.Emulator;

/// <summary>
/// The emulator's one lock for operations that change a deployment (deploy, delete, swap, scale, set-config, update-config, upgrade): they
/// never overlap, and a second one is refused at once, naming the one that holds the lock and for how long.
/// </summary>
internal sealed class OperationLock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private string? _holder;
    private long _since;

    /// <summary>The operation that holds the lock now, or null.</summary>
    public string? Holder
    {
        get
        {
            lock (_gate)
            {
                return _holder;
            }
        }
    }

    /// <summary>Takes the lock for <paramref name="operation"/>; null, with <paramref name="refusal"/> saying why, when another holds it.</summary>
    public IDisposable? TryEnter(string operation, out string? refusal)
    {
        lock (_gate)
        {
            if (_holder is { } holder)
            {
                refusal = $"refused: '{holder}' is in progress (for {time.GetElapsedTime(_since).TotalSeconds:F1} s); operations that change a deployment never overlap, try again when it is done";
                return null;
            }

            _holder = operation;
            _since = time.GetTimestamp();
            refusal = null;
            return new Release(this);
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            _holder = null;
        }
    }

    private sealed class Release(OperationLock owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Exit();
            }
        }
    }
}
