using System.Text;
using System.Text.RegularExpressions;
using BackgroundRoles.Contracts;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Messages that can never succeed, as a hostile or broken producer puts them straight on a job queue: random
/// bytes, text that is not base64, bad JSON, an envelope whose job id is not a valid table key, an unknown job
/// type, a payload that fails the contract's rules. Each carries a marker of its own, so it can be recognised in
/// <c>&lt;queue&gt;-poison</c> however the poison record quotes it (as text, or base64 of the raw bytes).
/// </summary>
internal static partial class BadMessages
{
    /// <summary>The kinds of bad message, in the order they are dealt.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["random bytes", "not base64", "bad JSON", "invalid job id", "unknown job type", "invalid payload"];

    /// <summary>A bad message of <paramref name="kind"/> for <paramref name="queue"/>, with its marker.</summary>
    public static (string Marker, Func<CloudQueue, Task> Put) Create(string kind, string queue, Random random)
    {
        string marker = "chaos" + random.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        string type = queue == JobQueues.Thumbnails ? JobTypes.Thumbnail : JobTypes.Order;
        string validPayload = queue == JobQueues.Thumbnails
            ? """{"imageId":"none","contentType":"image/png"}"""
            : """{"customerEmail":"chaos@example.com","items":[{"sku":"sku-plum","quantity":1,"unitPrice":0.30}]}""";
        switch (kind)
        {
            case "random bytes":
                var bytes = new byte[random.Next(1, 512)];
                random.NextBytes(bytes);
                byte[] content = [.. bytes.Take(bytes.Length / 2), .. Encoding.ASCII.GetBytes(marker), .. bytes.Skip(bytes.Length / 2)];
                return (marker, q => q.AddMessageAsync(CloudQueueMessage.CreateCloudQueueMessageFromByteArray(content)));
            case "not base64":
                return (marker, q => AddRawAsync(q, $"%%not base64: {marker} {{\"jobId\":"));
            case "bad JSON":
                string json = $$"""{"jobId":"{{marker}}","jobType":"{{type}}","payload":"{\"customerEmail\":""";
                return (marker, q => q.AddMessageAsync(new CloudQueueMessage(json[..random.Next(json.Length / 2, json.Length)] + marker)));
            case "invalid job id":
                string id = random.Next(3) switch { 0 => $"bad/{marker}", 1 => $"bad#{marker}?", _ => $"bad\\{marker}\t" };
                return (marker, q => q.AddMessageAsync(new CloudQueueMessage(Envelope(id, type, validPayload))));
            case "unknown job type":
                return (marker, q => q.AddMessageAsync(new CloudQueueMessage(Envelope(marker, "no-such-type", validPayload))));
            case "invalid payload":
                string payload = queue == JobQueues.Thumbnails
                    ? random.Next(2) == 0 ? """{"imageId":"","contentType":"text/plain"}""" : "not json at all"
                    : random.Next(3) switch
                    {
                        0 => """{"customerEmail":"chaos@example.com","items":[{"sku":"sku-plum","quantity":-5,"unitPrice":0.30}]}""",
                        1 => """{"customerEmail":"chaos@example.com","items":[]}""",
                        _ => """{"customerEmail":"not an email","items":[{"sku":"sku-nothing","quantity":1,"unitPrice":-1}]}""",
                    };
                return (marker, q => q.AddMessageAsync(new CloudQueueMessage(Envelope(marker, type, payload))));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a kind of bad message");
        }
    }

    /// <summary>True when <paramref name="text"/> carries <paramref name="marker"/>, as text or inside a base64 run.</summary>
    public static bool Carries(string text, string marker)
    {
        if (text.Contains(marker, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (Match run in Base64Run().Matches(text))
        {
            var buffer = new byte[run.Length];
            if (Convert.TryFromBase64String(run.Value, buffer, out int written)
                && Encoding.Latin1.GetString(buffer, 0, written).Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Envelope(string jobId, string jobType, string payload) =>
        System.Text.Json.JsonSerializer.Serialize(new { jobId, jobType, payload });

    /// <summary>Puts text on the queue as it is: the service base64-decodes what it reads, so this one cannot be.</summary>
    private static async Task AddRawAsync(CloudQueue queue, string text)
    {
        var raw = queue.ServiceClient.GetQueueReference(queue.Name);
        raw.EncodeMessage = false;
        await raw.AddMessageAsync(new CloudQueueMessage(text)).ConfigureAwait(false);
    }

    [GeneratedRegex("[A-Za-z0-9+/]{16,}={0,2}")]
    private static partial Regex Base64Run();
}
