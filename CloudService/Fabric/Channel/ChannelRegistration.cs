namespace BackgroundRoles.Fabric.Channel;

/// <summary>
/// One expected instance start: the secret its descriptor carries, and the connection once it said hello with
/// that secret. Dispose it when the start is over, so that the secret is no longer accepted.
/// </summary>
public sealed class ChannelRegistration : IDisposable
{
    private readonly TaskCompletionSource<InstanceConnection> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ChannelRegistration> _unregister;

    internal ChannelRegistration(string instanceId, string secret, Action<ChannelRegistration> unregister)
    {
        InstanceId = instanceId;
        Secret = secret;
        _unregister = unregister;
    }

    public string InstanceId { get; }

    public string Secret { get; }

    /// <summary>Completes when the instance connected and said hello with the right secret.</summary>
    public Task<InstanceConnection> Connected => _connected.Task;

    /// <summary>False when this registration already has a connection (the secret is good for one).</summary>
    internal bool TryAttach(InstanceConnection connection) => _connected.TrySetResult(connection);

    public void Dispose()
    {
        _unregister(this);
        if (_connected.Task.IsCompletedSuccessfully)
        {
            _connected.Task.Result.Dispose();
        }
        else
        {
            _connected.TrySetCanceled();
        }
    }
}
