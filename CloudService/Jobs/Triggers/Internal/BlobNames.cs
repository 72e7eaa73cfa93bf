using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs.Triggers.Internal;

/// <summary>Container names, and where a blob version's receipt and a trigger's cursor are kept.</summary>
internal static partial class BlobNames
{
    /// <summary>The partition of every trigger's cursor (no receipt partition can be it: those end in '-' and two hex digits).</summary>
    public const string CursorPartition = "~cursor";

    /// <summary>The partition where the receipt cleanup records each trigger's cursor as it saw it (<see cref="ReceiptRetentionMark"/>).</summary>
    public const string RetentionPartition = "~retention";

    /// <summary>Throws unless <paramref name="container"/> is a valid container name.</summary>
    public static void ValidateContainer(string container)
    {
        ArgumentNullException.ThrowIfNull(container, nameof(container));
        if (!Container().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{StorageNames.Printable(container)}' is not a usable container name: 3 to 63 lowercase letters, digits and single hyphens, starting with a letter or digit.",
                nameof(container));
        }
    }

    /// <summary>
    /// Where the receipt of <paramref name="name"/> at <paramref name="etag"/> is: partition the trigger and the first
    /// two hex digits of the name's hash (256 partitions a trigger, each small: Azurite scans a partition for every
    /// point read), row key the name's hash and the ETag, since a blob name may hold characters a key may not.
    /// </summary>
    public static (string Partition, string RowKey) ReceiptOf(string trigger, string name, string etag)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        return ($"{trigger}-{hash[..2]}", $"{hash[..40]}_{StorageNames.Key(etag.Trim('"'))}");
    }

    /// <summary>A filter for the partitions of <paramref name="trigger"/>'s receipts (and of any trigger whose name starts with it and '-': check the receipt's trigger).</summary>
    public static string ReceiptPartitionsOf(string trigger) => TableQuery.CombineFilters(
        TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, trigger + "-"),
        TableOperators.And,
        TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThan, trigger + "."));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex Container();
}
