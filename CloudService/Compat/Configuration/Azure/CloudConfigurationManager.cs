using BackgroundRoles.Compat.Configuration;

namespace Microsoft.Azure;

/// <summary>
/// The SDK's configuration reader under its later namespace (Microsoft.WindowsAzure.ConfigurationManager 3.x): the
/// role's setting when there is one, else the application's (environment, appsettings.json, app.config's appSettings).
/// </summary>
public static class CloudConfigurationManager
{
    public static string? GetSetting(string name) => SettingLookup.GetSetting(name, outputResultsToTrace: false, throwIfNotFoundInRuntime: false);

    /// <summary>As <see cref="GetSetting(string)"/>; with <paramref name="outputResultsToTrace"/> each lookup is said on Trace.</summary>
    public static string? GetSetting(string name, bool outputResultsToTrace) => SettingLookup.GetSetting(name, outputResultsToTrace, throwIfNotFoundInRuntime: false);

    /// <summary>As above; <paramref name="throwIfNotFoundInRuntime"/> throws when a role runs and does not declare the setting.</summary>
    public static string? GetSetting(string name, bool outputResultsToTrace, bool throwIfNotFoundInRuntime) =>
        SettingLookup.GetSetting(name, outputResultsToTrace, throwIfNotFoundInRuntime);
}
