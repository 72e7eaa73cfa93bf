using System.CommandLine;
using System.Globalization;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>upgrade --slot S [--csdef F] [--cscfg F] [--package ID] [--mode auto|manual] [--timeout T] [--state-dir D]</c>:
/// upgrades the slot's running deployment in place, one update domain after the other, to the current build (packaged
/// as deploy does) or a package; prints each domain's progress with its times until the upgrade completes, rolls back,
/// or (manual mode) waits for <c>walk-ud</c>. Exit 0 completed or waiting, 1 refused or rolled back, 2 usage.
/// </summary>
internal static class UpgradeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var slot = ControlOptions.Slot(required: true);
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string?>("--cscfg") { Description = $"The service configuration (default: {ModelLoader.LocalConfigurationFileName}, or the package's)." };
        var package = new Option<string?>("--package") { Description = "Upgrade to a package that 'cloudservice package' made (its id or folder) instead of packaging the build." };
        var mode = new Option<UpgradeMode>("--mode")
        {
            Description = "auto: each update domain after the one before is Ready; manual: wait for 'cloudservice walk-ud' between domains (default: auto).",
            DefaultValueFactory = _ => UpgradeMode.Auto,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "auto" : result.Tokens[0].Value;
                if (Enum.TryParse<UpgradeMode>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(text[0]))
                {
                    return parsed;
                }

                result.AddError($"--mode: '{text}' is not a mode: auto or manual");
                return default;
            },
        };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "How long each instance has to get Ready on the new package before the upgrade rolls back: seconds (90, 90s) or minutes (2m) (default: 2m).",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
                if (ParseDuration(text) is { } parsed)
                {
                    return parsed;
                }

                result.AddError($"--timeout: '{text}' is not a duration: seconds (90, 90s) or minutes (2m), more than 0 and at most 1 hour");
                return null;
            },
        };
        var stateDir = ControlOptions.StateDir();
        var command = new Command("upgrade", "Upgrade a slot's deployment in place, one update domain at a time.") { slot, csdef, cscfg, package, mode, timeout, stateDir };
        command.SetAction(parse => RunAsync(
            new UpgradeArguments(parse.GetValue(slot), parse.GetValue(csdef)!, parse.GetValue(cscfg), parse.GetValue(package), parse.GetValue(mode), parse.GetValue(timeout)),
            parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    /// <summary>A whole number of seconds (<c>90</c>, <c>90s</c>) or minutes (<c>2m</c>), above 0 and at most an hour; null otherwise.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        var (number, unit) = text.EndsWith('m') ? (text[..^1], 60) : text.EndsWith('s') ? (text[..^1], 1) : (text, 1);
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && (long)value * unit <= 3600
            ? TimeSpan.FromSeconds((long)value * unit)
            : null;
    }

    private static async Task<int> RunAsync(UpgradeArguments arguments, string? stateDirectory, TextWriter output, TextWriter error)
    {
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null
            || await EmulatorPackage.PrepareAsync(client, arguments.Csdef, arguments.Cscfg, arguments.Package, stateDirectory, output, error).ConfigureAwait(false) is not { } prepared)
        {
            return CloudServiceCli.Failed;
        }

        var request = new UpgradeRequest(arguments.Slot, prepared.Package, prepared.CscfgPath, arguments.Mode, arguments.Timeout);
        if (await client.SendAsync<UpgradeSnapshot>(HttpMethod.Post, "upgrade", request).ConfigureAwait(false) is not { } upgrade)
        {
            return CloudServiceCli.Failed;
        }

        return await UpgradeProgress.FollowAsync(client, upgrade, printed: 0, output).ConfigureAwait(false);
    }

    private sealed record UpgradeArguments(DeploymentSlot Slot, string Csdef, string? Cscfg, string? Package, UpgradeMode Mode, TimeSpan? Timeout);
}
