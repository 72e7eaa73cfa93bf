using System.Collections;

namespace BackgroundRoles.Export.Internal.Yaml;

/// <summary>
/// An ordered YAML mapping, filled with collection initializers (<c>new YamlMap { ["kind"] = "Service" }</c>). Values
/// are strings, numbers, booleans, other maps and lists; a null value leaves the key out, so optional fields read as
/// one expression.
/// </summary>
internal sealed class YamlMap : IEnumerable<KeyValuePair<string, object>>
{
    private readonly List<KeyValuePair<string, object>> _entries = [];

    public int Count => _entries.Count;

    public object? this[string key]
    {
        set
        {
            if (value is not null)
            {
                _entries.RemoveAll(e => e.Key == key);
                _entries.Add(new KeyValuePair<string, object>(key, value));
            }
        }
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
