using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>recycle INSTANCE [--slot S] [--state-dir D]</c>: recycles one instance of the running emulator (Stopping, OnStop, then
/// started again). Exit 0, 1 refused (unknown instance, nothing to recycle), 2 usage.
/// </summary>
internal static class RecycleCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var instance = new Argument<string>("INSTANCE") { Description = "The instance id, <Role>_IN_<N>." };
        var slot = ControlOptions.Slot();
        var stateDir = ControlOptions.StateDir();
        var command = new Command("recycle", "Recycle one instance of the running emulator.") { instance, slot, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(instance)!, parse.GetValue(slot), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(string instance, DeploymentSlot slot, string? stateDirectory, TextWriter output, TextWriter error)
    {
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<DeploymentSnapshot>(HttpMethod.Post, "recycle", new RecycleRequest(instance) { Slot = slot }).ConfigureAwait(false) is null)
        {
            return CloudServiceCli.Failed;
        }

        output.WriteLine($"{instance}: recycling (Stopping, OnStop, then it starts again)");
        return CloudServiceCli.Success;
    }
}
