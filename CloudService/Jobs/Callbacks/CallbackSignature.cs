using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackgroundRoles.Jobs.Callbacks;

/// <summary>
/// How a callback is signed, for senders and receivers: <c>X-BackgroundRoles-Timestamp</c> is the send time in unix
/// seconds, <c>X-BackgroundRoles-Signature</c> is <c>sha256=</c> and the lowercase hex HMAC-SHA256, keyed with the
/// UTF-8 bytes of the service's signing key, over the UTF-8 bytes of <c>&lt;timestamp&gt;.&lt;body&gt;</c>. A
/// receiver recomputes it over the raw body, compares in fixed time, and refuses old timestamps (replays).
/// </summary>
public static class CallbackSignature
{
    /// <summary>The header holding the unix seconds the signature covers.</summary>
    public const string TimestampHeader = "X-BackgroundRoles-Timestamp";

    /// <summary>The header holding <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-BackgroundRoles-Signature";

    /// <summary>
    /// The header holding the delivery's id, the job id: the same on every attempt and after a sweep took the callback
    /// over, since delivery is at least once. A receiver drops a delivery id it has already handled.
    /// </summary>
    public const string DeliveryHeader = "X-BackgroundRoles-Delivery";

    /// <summary>The scheme prefix of <see cref="SignatureHeader"/>.</summary>
    public const string Scheme = "sha256=";

    /// <summary>The <see cref="SignatureHeader"/> value for <paramref name="body"/> sent at <paramref name="timestamp"/> (unix seconds).</summary>
    public static string Compute(string signingKey, long timestamp, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingKey);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), signed));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is the signature of <paramref name="body"/> at <paramref name="timestamp"/>
    /// and that timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string signingKey, string? timestamp, string? signature, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(signingKey, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
