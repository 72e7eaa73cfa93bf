using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Control;

/// <summary>
/// Follows an upgrade that runs in the emulator: prints its progress lines as they come, until it waits for walk-ud
/// or ends. The exit code: 0 when it completed or waits for walk-ud, 1 when it rolled back, was cancelled, or the
/// emulator stopped answering.
/// </summary>
internal static class UpgradeProgress
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Prints the lines of <paramref name="upgrade"/> from <paramref name="printed"/> on, then of each later reading, until it stops walking.</summary>
    public static async Task<int> FollowAsync(ControlClient client, UpgradeSnapshot upgrade, int printed, TextWriter output)
    {
        var slot = EmulatorSession.Name(upgrade.Slot);
        var current = upgrade;
        while (true)
        {
            foreach (var line in current.Log.Skip(printed))
            {
                output.WriteLine(line);
            }

            output.Flush();
            printed = Math.Max(printed, current.Log.Count);
            if (current.State != UpgradeState.Walking)
            {
                break;
            }

            await Task.Delay(PollInterval, TimeProvider.System).ConfigureAwait(false);
            if (await client.SendAsync<UpgradeSnapshot>(HttpMethod.Get, $"upgrade?slot={slot}").ConfigureAwait(false) is not { } next)
            {
                return Cli.CloudServiceCli.Failed;
            }

            current = next;
        }

        return current.State is UpgradeState.Completed or UpgradeState.WaitingForWalk ? Cli.CloudServiceCli.Success : Cli.CloudServiceCli.Failed;
    }
}
