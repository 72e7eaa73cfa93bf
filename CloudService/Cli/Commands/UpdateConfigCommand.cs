using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>update-config [--slot S] --cscfg F [--state-dir D]</c>: applies a new cscfg to a slot's running deployment: the
/// changed settings raise Changing, then Changed (an instance that cancels Changing is recycled with the new values), a
/// changed instance count scales the role. A cscfg that does not fit the csdef is refused before anything changes, with
/// every error as <c>file(line,col): error: message</c>. Exit 0, 1 refused, 2 usage.
/// </summary>
internal static class UpdateConfigCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var slot = ControlOptions.Slot();
        var cscfg = new Option<string>("--cscfg") { Description = "The new service configuration.", Required = true };
        var stateDir = ControlOptions.StateDir();
        var command = new Command("update-config", "Apply a new service configuration to a slot of the running emulator.") { slot, cscfg, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(slot), parse.GetValue(cscfg)!, parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(DeploymentSlot slot, string cscfg, string? stateDirectory, TextWriter output, TextWriter error)
    {
        var path = Path.GetFullPath(cscfg);
        if (!File.Exists(path))
        {
            error.WriteLine($"error: {path} does not exist");
            return CloudServiceCli.Failed;
        }

        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<UpdateConfigResponse>(HttpMethod.Post, "update-config", new UpdateConfigRequest(slot, path)).ConfigureAwait(false) is not { } response)
        {
            return CloudServiceCli.Failed;
        }

        if (response.Changes.Count == 0)
        {
            output.WriteLine("Nothing changes.");
        }

        foreach (var change in response.Changes)
        {
            output.WriteLine(change);
        }

        foreach (var outcome in response.Instances)
        {
            output.WriteLine(SetConfigCommand.Describe(outcome));
        }

        return CloudServiceCli.Success;
    }
}
