using System.Reflection;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Configuration;

/// <summary>
/// Reads a setting the way Microsoft.WindowsAzure.ConfigurationManager did: the role environment first, then
/// an environment variable, then the application's settings file. Returns null when the setting is nowhere.
/// </summary>
/// <remarks>
/// The settings file is <c>appsettings.json</c> beside the application: either an <c>"AppSettings"</c> object
/// or top-level string values. Below it come the <c>&lt;appSettings&gt;</c> of the .NET Framework config file a
/// classic role had (its App.config, built as <c>&lt;Assembly&gt;.dll.config</c>, else <c>app.config</c> or
/// <c>web.config</c>), which the original read and .NET no longer does. An environment variable is looked up by the
/// setting's name, then with dots replaced by underscores (shells cannot set names with dots).
/// </remarks>
public static class CloudConfigurationManager
{
    /// <summary>The settings file read last, beside the application.</summary>
    public const string AppSettingsFileName = "appsettings.json";

    /// <summary>The .NET Framework config files read below <see cref="AppSettingsFileName"/>, after <c>&lt;Assembly&gt;.dll.config</c>.</summary>
    public static readonly IReadOnlyList<string> XmlConfigFileNames = ["app.config", "web.config"];

    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_appSettings =
        new(() => ReadAllAppSettings(AppContext.BaseDirectory, Assembly.GetEntryAssembly()?.GetName().Name));

    public static string? GetSetting(string name) => GetSetting(name, s_appSettings.Value);

    internal static string? GetSetting(string name, IReadOnlyDictionary<string, string> appSettings)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (RoleEnvironment.IsAvailable && RoleEnvironment.Current.TryGetConfigurationSettingValue(name, out var roleValue))
        {
            return roleValue;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(name) ?? Environment.GetEnvironmentVariable(name.Replace('.', '_'));
        if (fromEnvironment is not null)
        {
            return fromEnvironment;
        }

        return appSettings.TryGetValue(name, out var fileValue) ? fileValue : null;
    }

    /// <summary>
    /// The application's settings in <paramref name="directory"/>: appsettings.json first, then the first XML config
    /// file (<c>&lt;entryAssemblyName&gt;.dll.config</c>, app.config, web.config) that has the key.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> ReadAllAppSettings(string directory, string? entryAssemblyName)
    {
        var settings = new Dictionary<string, string>(ReadAppSettings(Path.Combine(directory, AppSettingsFileName)), StringComparer.Ordinal);
        IEnumerable<string> xmlFiles = entryAssemblyName is { Length: > 0 } ? [entryAssemblyName + ".dll.config", .. XmlConfigFileNames] : XmlConfigFileNames;
        foreach (var file in xmlFiles)
        {
            foreach (var (key, value) in ReadXmlAppSettings(Path.Combine(directory, file)))
            {
                settings.TryAdd(key, value);
            }
        }

        return settings;
    }

    /// <summary>
    /// Reads <c>&lt;configuration&gt;&lt;appSettings&gt;</c> (its add, remove and clear, in order) from a .NET Framework
    /// config file; a missing or unreadable file gives no settings.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> ReadXmlAppSettings(string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return settings;
        }

        try
        {
            var root = XDocument.Load(path).Root;
            if (root?.Name.LocalName != "configuration")
            {
                return settings;
            }

            foreach (var item in root.Elements().Where(e => e.Name.LocalName == "appSettings").SelectMany(e => e.Elements()))
            {
                var key = (string?)item.Attribute("key");
                switch (item.Name.LocalName)
                {
                    case "add" when key is not null:
                        settings[key] = (string?)item.Attribute("value") ?? string.Empty;
                        break;
                    case "remove" when key is not null:
                        settings.Remove(key);
                        break;
                    case "clear":
                        settings.Clear();
                        break;
                }
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // As the original: a setting that cannot be read is a missing setting, never a crash of the role.
        }

        return settings;
    }

    /// <summary>Reads string settings from a JSON file; a missing or unreadable file gives no settings.</summary>
    internal static IReadOnlyDictionary<string, string> ReadAppSettings(string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return settings;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return settings;
            }

            if (root.TryGetProperty("AppSettings", out var appSettings) && appSettings.ValueKind == JsonValueKind.Object)
            {
                root = appSettings;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    settings[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // As the original: a setting that cannot be read is a missing setting, never a crash of the role.
        }

        return settings;
    }
}
