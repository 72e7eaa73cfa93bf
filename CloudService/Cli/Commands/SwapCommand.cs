using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>swap [--state-dir D]</c>: the VIP swap of the running emulator: production's address goes to the staging
/// deployment and staging's to production's, at once at the balancers. Refused, with the reason and the instances
/// concerned, when the input endpoints differ or an instance is not stable. Exit 0, 1 refused, 2 usage.
/// </summary>
internal static class SwapCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var stateDir = ControlOptions.StateDir();
        var command = new Command("swap", "Swap the production and staging deployments of the running emulator (VIP swap).") { stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(string? stateDirectory, TextWriter output, TextWriter error)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<DeploymentSnapshot>(HttpMethod.Post, "swap").ConfigureAwait(false) is not { } status)
        {
            return CloudServiceCli.Failed;
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        output.WriteLine($"Swapped in {elapsed.TotalMilliseconds:F0} ms: production runs {status.DeploymentId}, staging runs {status.Staging?.DeploymentId ?? "nothing"}");
        return CloudServiceCli.Success;
    }
}
