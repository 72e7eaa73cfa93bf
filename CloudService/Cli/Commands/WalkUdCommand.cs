using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>walk-ud --slot S [--state-dir D]</c>: walks the next update domain of the slot's manual upgrade and prints its
/// progress until the upgrade waits again or ends. Refused, with the reason, when no upgrade of the slot waits for it.
/// Exit 0 walked (the upgrade waits again or completed), 1 refused or rolled back, 2 usage.
/// </summary>
internal static class WalkUdCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var slot = ControlOptions.Slot(required: true);
        var stateDir = ControlOptions.StateDir();
        var command = new Command("walk-ud", "Walk the next update domain of a manual upgrade ('upgrade --mode manual').") { slot, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(slot), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(DeploymentSlot slot, string? stateDirectory, TextWriter output, TextWriter error)
    {
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<UpgradeSnapshot>(HttpMethod.Post, "walk-ud", new WalkRequest(slot)).ConfigureAwait(false) is not { } upgrade)
        {
            return CloudServiceCli.Failed;
        }

        // Only what this walk adds: the lines up to the wait were printed by the command before.
        var printed = upgrade.Log.ToList().FindLastIndex(l => l.StartsWith("Waiting for ", StringComparison.Ordinal)) + 1;
        return await UpgradeProgress.FollowAsync(client, upgrade, printed, output).ConfigureAwait(false);
    }
}
