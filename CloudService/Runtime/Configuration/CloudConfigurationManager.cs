using System.Text.Json;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Configuration;

/// <summary>
/// Reads a setting the way Microsoft.WindowsAzure.ConfigurationManager did: the role environment first, then
/// an environment variable, then the application's settings file. Returns null when the setting is nowhere.
/// </summary>
/// <remarks>
/// The settings file is <c>appsettings.json</c> beside the application: either an <c>"AppSettings"</c> object
/// or top-level string values. An environment variable is looked up by the setting's name, then with dots
/// replaced by underscores (shells cannot set names with dots).
/// </remarks>
public static class CloudConfigurationManager
{
    /// <summary>The settings file read last, beside the application.</summary>
    public const string AppSettingsFileName = "appsettings.json";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> s_appSettings =
        new(() => ReadAppSettings(Path.Combine(AppContext.BaseDirectory, AppSettingsFileName)));

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
