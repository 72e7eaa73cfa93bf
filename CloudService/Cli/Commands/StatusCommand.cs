using System.CommandLine;
using System.Text.Json;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>status [--json] [--state-dir D]</c>: the running emulator's roles and instances (state, update and fault
/// domain, restarts, endpoints, supervisor task health) and, from each role's storage, its scheduled jobs, singletons
/// and blob triggers (<see cref="CoordinationPrinter"/>). Exit 0, or 1 when no emulator answers.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var stateDir = ControlOptions.StateDir();
        var command = new Command("status", "Show the roles and instances of the running emulator.") { json, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(json), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(bool json, string? stateDirectory, TextWriter output, TextWriter error)
    {
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<DeploymentSnapshot>(HttpMethod.Get, "status").ConfigureAwait(false) is not { } snapshot)
        {
            return CloudServiceCli.Failed;
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(snapshot, ControlJson.Options));
        }
        else
        {
            StatusPrinter.Print(snapshot, output);
        }

        return CloudServiceCli.Success;
    }
}
