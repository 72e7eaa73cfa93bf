using System.Globalization;

namespace BackgroundRoles.Chaos;

/// <summary>
/// One request of the HTTP fuzz, described so that a 5xx can be reported and replayed: what kind of mistake it
/// makes, method, path, headers, and a body made on demand (a huge one is streamed, chunked, never held whole).
/// </summary>
internal sealed record FuzzRequest(string Kind, HttpMethod Method, string Path, string? ContentType, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, int StreamedBytes = 0, bool MustBeRejected = false)
{
    /// <summary>The request message; a streamed body has no Content-Length, so it goes chunked.</summary>
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        HttpContent? content = Body is not null ? new ByteArrayContent(Body) : StreamedBytes > 0 ? new StreamContent(new FillStream(StreamedBytes)) : null;
        if (content is not null)
        {
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            message.Content = content;
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public override string ToString()
    {
        string body = Body is null ? StreamedBytes > 0 ? $"{StreamedBytes} bytes chunked" : "no body" : $"{Body.Length} bytes";
        string headers = Headers.Count == 0 ? "" : "; " + string.Join("; ", Headers.Select(h => $"{h.Name}: {Shorten(h.Value)}"));
        return string.Create(CultureInfo.InvariantCulture, $"{Kind}: {Method} {Shorten(Path)} ({ContentType ?? "no content type"}; {body}{headers})");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : $"{text[..60]}... ({text.Length} chars)";

    /// <summary>A read-only stream of <c>{"a":"xxxx...</c> of a given length, made as it is read.</summary>
    private sealed class FillStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - _position);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _position + i < 6 ? "{\"a\":\""u8[(int)(_position + i)] : (byte)'x';
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
