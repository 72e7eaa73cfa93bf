using Microsoft.AspNetCore.Http.Features;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// An endpoint's body limit, counted by the endpoint rather than by Kestrel. Kestrel's own limit ends the connection
/// when it is passed, so a client (or the emulator's load balancer, forwarding a chunked body) still sending gets its
/// connection cut instead of the 413; counted here, the endpoint answers 413 and Kestrel drains what is left of the
/// body, up to <see cref="WebRoleDefaults.MaxDrainBytes"/>, keeping the connection. Nothing past the limit is kept.
/// </summary>
internal static class BodyLimit
{
    /// <summary>Makes <paramref name="request"/>'s body throw a 413 <see cref="BadHttpRequestException"/> past <paramref name="limit"/> bytes.</summary>
    public static void Apply(HttpRequest request, long limit)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = WebRoleDefaults.MaxDrainBytes;
        }

        request.Body = new LimitedStream(request.Body, limit);
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }
    }
}
