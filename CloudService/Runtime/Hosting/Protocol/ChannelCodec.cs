using System.Text.Json;
using System.Text.Json.Serialization;

namespace BackgroundRoles.Hosting.Protocol;

/// <summary>Writes and reads control channel messages: one JSON object per line, UTF-8, camelCase.</summary>
public static class ChannelCodec
{
    /// <summary>A line longer than this (in bytes) is refused: no message comes near it.</summary>
    public const int MaxLineLength = 1024 * 1024;

    /// <summary>
    /// The longest first line (the hello) the fabric reads from a connection it does not know yet, in bytes: an
    /// instance id, a 64-digit secret and a process id take a few hundred. Checked before anything more is read.
    /// </summary>
    public const int MaxHelloLength = 4096;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The message as one line of JSON, without the newline.</summary>
    public static string Serialize(ChannelMessage message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Reads one line; null with a reason when it is not a message this version knows.</summary>
    public static ChannelMessage? Parse(string line, out string? error)
    {
        error = null;
        if (line.Length > MaxLineLength)
        {
            error = "the line is too long";
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ChannelMessage>(line, Options) ?? throw new JsonException("null message");
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
        catch (NotSupportedException e)
        {
            error = e.Message;
            return null;
        }
    }
}
