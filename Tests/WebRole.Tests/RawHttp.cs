using System.Net.Sockets;
using System.Text;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>
/// HTTP/1.1 over a plain socket, for requests HttpClient will not send: a body shorter than its Content-Length, a
/// chunked body far past every limit. The answer is read while the body is still being sent, as a server may answer
/// early and stop reading.
/// </summary>
internal static class RawHttp
{
    /// <summary>The answer; status 0 when the server closed the connection without one.</summary>
    public sealed record Response(int Status, string Head, string Body);

    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line), then the body parts, then ends the sending side.</summary>
    public static async Task<Response> SendAsync(Uri server, string head, IEnumerable<byte[]> bodyParts)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        using var stream = client.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sending = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{head}\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"), timeout.Token);
                foreach (var part in bodyParts)
                {
                    await stream.WriteAsync(part, timeout.Token);
                }

                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The server answered and closed before the body was all sent: that is what some tests expect.
            }
        });

        using var received = new MemoryStream();
        var buffer = new byte[16384];
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset, after the answer (the answer is what counts) or instead of one (status 0).
        }

        await timeout.CancelAsync();
        await sending;
        var text = Encoding.UTF8.GetString(received.ToArray());
        if (text.Length == 0)
        {
            return new Response(0, string.Empty, string.Empty);
        }

        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.IsTrue(split > 0, "no HTTP answer: " + text);
        var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        return new Response(int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), text[..split], text[(split + 4)..]);
    }

    /// <summary>Chunked transfer encoding of <paramref name="total"/> bytes of <paramref name="fill"/>, in chunks of 64 KB, then the last chunk.</summary>
    public static IEnumerable<byte[]> Chunked(long total, byte fill)
    {
        const int Size = 64 * 1024;
        var data = new byte[Size];
        Array.Fill(data, fill);
        for (long sent = 0; sent < total; sent += Size)
        {
            var length = (int)Math.Min(Size, total - sent);
            yield return Encoding.ASCII.GetBytes($"{length:x}\r\n");
            yield return length == Size ? data : data[..length];
            yield return "\r\n"u8.ToArray();
        }

        yield return "0\r\n\r\n"u8.ToArray();
    }
}
