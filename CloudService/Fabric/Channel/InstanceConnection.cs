using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using BackgroundRoles.Hosting.Protocol;

namespace BackgroundRoles.Fabric.Channel;

/// <summary>
/// The fabric's end of one instance's control channel, after its hello: sends Stop, Recycle and the environment
/// changes (ApplySettings, ApplyTopology) and waits for their answers; passes what the instance reports (status,
/// health, recycle requests) to the handler given to <see cref="Start"/>.
/// </summary>
public sealed class InstanceConnection : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TcpClient _client;
    private readonly ChannelLineReader _reader;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<ChangeResultMessage>> _pendingChanges = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;
    private Task _reading = Task.CompletedTask;

    internal InstanceConnection(TcpClient client, ChannelLineReader reader, HelloMessage hello)
    {
        _client = client;
        _reader = reader;
        _writer = new StreamWriter(client.GetStream(), Utf8, leaveOpen: true) { NewLine = "\n" };
        InstanceId = hello.InstanceId;
        ProcessId = hello.ProcessId;
    }

    public string InstanceId { get; }

    /// <summary>The role process, as the instance told it.</summary>
    public int ProcessId { get; }

    /// <summary>Completes when the instance closed the channel (it exited) or the fabric did.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Starts reading; <paramref name="onMessage"/> gets every status, health and recycle request, on the reading thread.</summary>
    public void Start(Action<ChannelMessage> onMessage) => _reading = Task.Run(() => ReadAllAsync(onMessage));

    /// <summary>Sends a message; false when the channel is already closed.</summary>
    public async Task<bool> SendAsync(ChannelMessage message)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _writer.WriteLineAsync(ChannelCodec.Serialize(message)).ConfigureAwait(false);
            await _writer.FlushAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Sends an environment change (new settings, a new topology), made by <paramref name="create"/> with a fresh id,
    /// and waits for the answer: applied, or refused (a cancelled Changing, a throwing handler); null when the
    /// instance closed the channel or did not answer within <paramref name="timeout"/>.
    /// </summary>
    public async Task<ChangeResultMessage?> ApplyChangeAsync(Func<long, EnvironmentChangeMessage> create, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(create);
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<ChangeResultMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingChanges[id] = answer;
        try
        {
            if (!await SendAsync(create(id)).ConfigureAwait(false))
            {
                return null;
            }

            var first = await Task.WhenAny(answer.Task, _closed.Task, Task.Delay(timeout, time)).ConfigureAwait(false);
            return first == answer.Task ? await answer.Task.ConfigureAwait(false) : null;
        }
        finally
        {
            _pendingChanges.TryRemove(id, out _);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _reading.Wait(TimeSpan.FromSeconds(1));
        _writeGate.Dispose();
        _closed.TrySetResult();
    }

    private async Task ReadAllAsync(Action<ChannelMessage> onMessage)
    {
        try
        {
            // An authenticated instance is still held to the line cap: a longer line is dropped as it comes, unread.
            while (await _reader.ReadLineAsync(ChannelCodec.MaxLineLength, skipTooLong: true, CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                if (line.Text is not { } text)
                {
                    continue;
                }

                switch (ChannelCodec.Parse(text, out _))
                {
                    case ChangeResultMessage result:
                        if (_pendingChanges.TryGetValue(result.Id, out var answer))
                        {
                            answer.TrySetResult(result);
                        }

                        break;
                    case ChannelMessage message when message is StatusMessage or HealthMessage or RecycleRequestedMessage:
                        onMessage(message);
                        break;
                    default:
                        // Unknown or misplaced messages are ignored: a newer role host may say more.
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The instance is gone or the fabric closed the channel: either way the channel is over.
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
