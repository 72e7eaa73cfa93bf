using System.Text.RegularExpressions;

namespace BackgroundRoles.ServiceModel;

/// <summary>
/// The one place that decides what of a setting is secret and hides it, for everything the CLI and the libraries
/// show or log: a setting whose name says it is secret (it contains Password, Secret, Key, Token, Pwd or Credential,
/// in any case) is shown as <see cref="Mask"/> whole; in any other value or text, the secret parts of connection
/// strings and SAS tokens (<c>AccountKey=</c>, <c>SharedAccessKey=</c>, <c>SharedAccessSignature=</c>, <c>sig=</c>,
/// <c>Password=</c>, <c>Pwd=</c>) are replaced by it, the rest (account names, endpoints) kept so the value can
/// still be recognised.
/// </summary>
public static partial class SecretMask
{
    /// <summary>What a secret is shown as.</summary>
    public const string Mask = "***";

    /// <summary>True when the setting's name marks it secret (the naming rule above).</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name ?? string.Empty);

    /// <summary>
    /// True when a setting should be kept as a secret rather than configuration (a Kubernetes Secret, not a ConfigMap):
    /// its name marks it secret, its name says it is a connection string (which carries a key even where this file's
    /// value is a placeholder), or its value holds a key, signature or password.
    /// </summary>
    public static bool IsSecretSetting(string name, string value) =>
        IsSecretName(name)
        || (name ?? string.Empty).Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
        || SecretPart().IsMatch(value ?? string.Empty);

    /// <summary>The setting's value as it may be shown: <see cref="Mask"/> for a secret name, else <see cref="Text"/> of it.</summary>
    public static string Setting(string name, string value) => IsSecretName(name) ? Mask : Text(value);

    /// <summary>The text with every key, signature and password in it replaced by <see cref="Mask"/>.</summary>
    public static string Text(string text) => string.IsNullOrEmpty(text) ? text ?? string.Empty : SecretPart().Replace(text, "$1=" + Mask);

    [GeneratedRegex("password|secret|key|token|pwd|credential", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(AccountKey|SharedAccessKey|SharedAccessSignature|sig|Password|Pwd)=[^;&\s""'<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPart();
}
