using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>delete --slot production|staging [--state-dir D]</c>: stops the slot's deployment (Stopping, OnStop) and removes
/// it with its public address; the other slot and the emulator run on. Exit 0, 1 refused (empty slot, the lock is held), 2 usage.
/// </summary>
internal static class DeleteCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var slot = ControlOptions.Slot(required: true);
        var stateDir = ControlOptions.StateDir();
        var command = new Command("delete", "Stop and remove the deployment of a slot of the running emulator.") { slot, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(slot), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(DeploymentSlot slot, string? stateDirectory, TextWriter output, TextWriter error)
    {
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<DeploymentSnapshot>(HttpMethod.Post, "delete", new DeleteRequest(slot)).ConfigureAwait(false) is null)
        {
            return CloudServiceCli.Failed;
        }

        output.WriteLine($"The {EmulatorSession.Name(slot)} slot is empty.");
        return CloudServiceCli.Success;
    }
}
