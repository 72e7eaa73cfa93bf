namespace BackgroundRoles.Jobs.Callbacks;

/// <summary>
/// The hosts callbacks may go to, from a comma-separated setting of <c>host</c> or <c>host:port</c> entries (IPv6 in
/// brackets). A host alone allows any port of it, a host with a port that port only; names compare without case, and
/// a name is matched as written (no DNS), so <c>localhost</c> does not allow <c>127.0.0.1</c>. Empty: callbacks off.
/// </summary>
public sealed class CallbackAllowList
{
    private readonly IReadOnlyList<(string Host, int? Port)> _entries;

    private CallbackAllowList(IReadOnlyList<(string Host, int? Port)> entries) => _entries = entries;

    /// <summary>No host: callbacks are off.</summary>
    public static CallbackAllowList None { get; } = new([]);

    /// <summary>True when no host is allowed.</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>The entries as a setting would name them.</summary>
    public override string ToString() => string.Join(",", _entries.Select(e => e.Port is { } port ? $"{e.Host}:{port}" : e.Host));

    /// <summary>
    /// Reads a setting's value; null or blank is <see cref="None"/>. Throws <see cref="ArgumentException"/> naming
    /// <paramref name="settingName"/> and the entry that is not a host or host:port.
    /// </summary>
    public static CallbackAllowList Parse(string? value, string settingName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var entries = new List<(string, int?)>();
        foreach (var raw in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.IndexOfAny(['/', '@', '?', '#', ' ']) >= 0 || !Uri.TryCreate("http://" + raw, UriKind.Absolute, out var uri) || uri.HostNameType == UriHostNameType.Unknown)
            {
                throw new ArgumentException($"Setting {settingName}: '{raw}' is not a host or host:port (for example api.example.com or 127.0.0.1:8080).", nameof(value));
            }

            var hostEnd = raw.StartsWith('[') ? raw.IndexOf(']', StringComparison.Ordinal) : -1;
            var hasPort = raw.IndexOf(':', hostEnd + 1) >= 0;
            entries.Add((uri.Host, hasPort ? uri.Port : null));
        }

        return new CallbackAllowList(entries);
    }

    /// <summary>Whether <paramref name="url"/> is an absolute http(s) URL whose host (and port) an entry names.</summary>
    public bool Allows(Uri url) => Check(url) is null;

    /// <summary>Null when <paramref name="url"/> may be called back; else why not, for an error message.</summary>
    public string? Check(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "must be an absolute http or https URL";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "must not carry a user name or password";
        }

        if (IsEmpty)
        {
            return "cannot be used: callbacks are off (the allowed hosts setting is empty)";
        }

        foreach (var (host, port) in _entries)
        {
            if (string.Equals(host, url.Host, StringComparison.OrdinalIgnoreCase) && (port is null || port == url.Port))
            {
                return null;
            }
        }

        return $"names host '{url.Authority}', which is not on the allowed hosts ({this})";
    }
}
