using System.Text;

namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// Reads newline-delimited lines from a stream with a cap on each line's length, checked before the bytes are kept:
/// it never holds more than the cap (plus one read's worth), whatever the peer sends. <see cref="StreamReader"/>
/// reads a whole line into memory before anyone can look at its length, so a peer that sends no newline could make it
/// take any amount of memory.
/// </summary>
public sealed class ChannelLineReader
{
    private const int InitialBufferSize = 4096;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _discarding;

    public ChannelLineReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>
    /// The next line, without its newline (and a carriage return before it), decoded as UTF-8; null at the end of the
    /// stream. A line longer than <paramref name="maxBytes"/> bytes: with <paramref name="skipTooLong"/>, its bytes are
    /// dropped as they come, up to its newline, and the result is <see cref="ChannelLine.TooLong"/>; without, the result
    /// is <see cref="ChannelLine.TooLong"/> as soon as the cap is passed and the reader is of no further use (the
    /// caller closes the connection).
    /// </summary>
    public async ValueTask<ChannelLine?> ReadLineAsync(int maxBytes, bool skipTooLong, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var wasDiscarding = _discarding;
                var length = newline - _start;
                var lineStart = _start;
                _start = newline + 1;
                _discarding = false;
                if (wasDiscarding || length > maxBytes)
                {
                    return ChannelLine.TooLong;
                }

                if (length > 0 && _buffer[newline - 1] == (byte)'\r')
                {
                    length--;
                }

                return new ChannelLine(Utf8.GetString(_buffer, lineStart, length));
            }

            var pending = _end - _start;
            if (_discarding || pending > maxBytes)
            {
                if (!skipTooLong)
                {
                    return ChannelLine.TooLong;
                }

                _discarding = true;
                _start = _end = 0;
            }

            MakeRoom(maxBytes);
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    /// <summary>Moves what is pending to the front, and grows the buffer when it is full, never past the cap plus one byte.</summary>
    private void MakeRoom(int maxBytes)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var grown = new byte[Math.Max(_buffer.Length + 1, Math.Min(_buffer.Length * 2, maxBytes + 1))];
            Buffer.BlockCopy(_buffer, 0, grown, 0, _end);
            _buffer = grown;
        }
    }
}
