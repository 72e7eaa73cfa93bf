using System.Text.RegularExpressions;

namespace BackgroundRoles.Jobs.Leases.Internal;

/// <summary>What a lease, singleton or scheduled job name and an instance id may be.</summary>
internal static partial class LeaseNames
{
    /// <summary>The rule, as an error message says it.</summary>
    public const string Rule = "1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit";

    /// <summary>Prefix of a singleton task's lease blob.</summary>
    public const string SingletonPrefix = "singleton-";

    /// <summary>Prefix of a scheduled job's lease blob.</summary>
    public const string SchedulePrefix = "schedule-";

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> unless <paramref name="name"/> follows <see cref="Rule"/>.</summary>
    public static void Validate(string name, string what, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!Name().IsMatch(name))
        {
            throw new ArgumentException($"'{Jobs.Internal.StorageNames.Printable(name)}' is not a usable {what} name: {Rule}.", parameterName);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="instanceId"/> can be stored as blob metadata: 1 to 256 printable ASCII characters.
    /// </summary>
    public static void ValidateInstanceId(string instanceId, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(instanceId, parameterName);
        if (instanceId.Length is 0 or > 256 || instanceId.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException($"'{Jobs.Internal.StorageNames.Printable(instanceId)}' is not a usable instance id: 1 to 256 printable ASCII characters.", parameterName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex Name();
}
