using System.Diagnostics;
using Microsoft.WindowsAzure.ServiceRuntime;
using Runtime = BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Compat.Configuration;

/// <summary>
/// Both SDK CloudConfigurationManagers: the role's settings first, then the runtime's
/// <see cref="BackgroundRoles.Configuration.CloudConfigurationManager"/> (environment, appsettings.json, the
/// app.config's appSettings). With <c>outputResultsToTrace</c> each step says on Trace whether it found the setting,
/// never its value (it may be a key).
/// </summary>
internal static class SettingLookup
{
    public static string? GetSetting(string name, bool outputResultsToTrace, bool throwIfNotFoundInRuntime)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Runtime.RoleEnvironment.IsAvailable)
        {
            var found = Runtime.RoleEnvironment.Current.TryGetConfigurationSettingValue(name, out var value);
            Report(outputResultsToTrace, name, "the role's configuration", found);
            if (found)
            {
                return value;
            }

            if (throwIfNotFoundInRuntime)
            {
                throw new RoleEnvironmentException($"The configuration setting '{name}' is not declared for role '{Runtime.RoleEnvironment.Current.Descriptor.RoleName}'.");
            }
        }

        var fromFiles = BackgroundRoles.Configuration.CloudConfigurationManager.GetSetting(name);
        Report(outputResultsToTrace, name, "the environment and the application's settings files", fromFiles is not null);
        return fromFiles;
    }

    private static void Report(bool outputResultsToTrace, string name, string source, bool found)
    {
        if (outputResultsToTrace)
        {
            Trace.WriteLine($"Getting \"{name}\" from {source}: {(found ? "PASS" : "FAIL")}.");
        }
    }
}
