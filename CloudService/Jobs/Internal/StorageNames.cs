using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BackgroundRoles.Jobs.Internal;

/// <summary>Rules for queue names and table keys.</summary>
internal static partial class StorageNames
{
    /// <summary>The poison queue of <paramref name="queueName"/>.</summary>
    public static string PoisonQueue(string queueName) => queueName + JobDefaults.PoisonQueueSuffix;

    public static bool IsPoisonQueue(string queueName) => queueName.EndsWith(JobDefaults.PoisonQueueSuffix, StringComparison.Ordinal);

    /// <summary>
    /// Throws unless the name is a valid queue name whose poison queue is valid too: 3 to 56 lowercase letters,
    /// digits and single hyphens, starting and ending with a letter or digit.
    /// </summary>
    public static void ValidateQueue(string queueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        if (!QueueName().IsMatch(queueName) || PoisonQueue(queueName).Length > 63)
        {
            throw new ArgumentException(
                $"'{queueName}' is not a usable queue name: 3 to {63 - JobDefaults.PoisonQueueSuffix.Length} lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(queueName));
        }
    }

    /// <summary>What a partition or row key may be, as an error message says it.</summary>
    public const string KeyRule = "a table key may not contain '/', '\\', '#', '?', control characters or unpaired surrogates, nor exceed 512 characters.";

    /// <summary>Throws unless <paramref name="key"/> can be a partition or row key as it is.</summary>
    public static void ValidateKey(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (!IsValidKey(key))
        {
            throw new ArgumentException("Invalid key: " + KeyRule, parameterName);
        }
    }

    /// <summary>True when <paramref name="key"/> can be a partition or row key as it is.</summary>
    public static bool IsValidKey(string key) => key.Length <= 512 && !ForbiddenKeyCharacter().IsMatch(key) && !HasUnpairedSurrogate(key);

    /// <summary>Text from outside, fit for a log line or an error: control characters escaped, at most 100 characters.</summary>
    public static string Printable(string text)
    {
        var shown = text.Length > 100 ? string.Concat(text.AsSpan(0, 100), "...") : text;
        return ControlCharacter().Replace(shown, match => $"\\u{(int)match.Value[0]:x4}");
    }

    /// <summary>A table key for any text: the text itself when allowed and short, else a hash of it.</summary>
    public static string Key(string text)
    {
        if (text.Length is > 0 and <= 200 && IsValidKey(text))
        {
            return text;
        }

        return "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex QueueName();

    [GeneratedRegex(@"[/\\#?\u0000-\u001F\u007F-\u009F]")]
    private static partial Regex ForbiddenKeyCharacter();

    [GeneratedRegex(@"[\u0000-\u001F\u007F-\u009F]")]
    private static partial Regex ControlCharacter();
}
