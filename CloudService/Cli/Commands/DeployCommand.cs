using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>deploy --slot production|staging [--csdef F] [--cscfg F] [--package ID] [--state-dir D]</c>: packages the
/// current build (or takes a package) and starts it in an empty slot of the running emulator while the other slot runs
/// on; answers once every new instance is stable or has exited once, with the slot's public endpoints. Exit 0, 1
/// refused (no emulator, an invalid model, the slot is taken, another operation holds the lock), 2 usage.
/// </summary>
internal static class DeployCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var slot = ControlOptions.Slot(required: true);
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string?>("--cscfg") { Description = $"The service configuration (default: {ModelLoader.LocalConfigurationFileName}, or the package's)." };
        var package = new Option<string?>("--package") { Description = "Deploy a package that 'cloudservice package' made (its id or folder) instead of packaging the build." };
        var stateDir = ControlOptions.StateDir();
        var command = new Command("deploy", "Start the service in a slot of the running emulator (production or staging).") { slot, csdef, cscfg, package, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(slot), parse.GetValue(csdef)!, parse.GetValue(cscfg), parse.GetValue(package), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(DeploymentSlot slot, string csdef, string? cscfg, string? packageReference, string? stateDirectory, TextWriter output, TextWriter error)
    {
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null)
        {
            return CloudServiceCli.Failed;
        }

        if (await EmulatorPackage.PrepareAsync(client, csdef, cscfg, packageReference, stateDirectory, output, error).ConfigureAwait(false) is not { } prepared)
        {
            return CloudServiceCli.Failed;
        }

        var (package, cscfgPath) = prepared;

        output.WriteLine($"Deploying to the {EmulatorSession.Name(slot)} slot...");
        output.Flush();
        if (await client.SendAsync<DeploymentSnapshot>(HttpMethod.Post, "deploy", new DeployRequest(slot, package, cscfgPath)).ConfigureAwait(false) is not { } deployed)
        {
            return CloudServiceCli.Failed;
        }

        output.WriteLine($"Deployment {deployed.DeploymentId} of {deployed.ServiceName} in the {EmulatorSession.Name(slot)} slot");
        foreach (var endpoint in deployed.PublicEndpoints ?? [])
        {
            output.WriteLine($"  {endpoint.Name}: {endpoint.Url}");
        }

        foreach (var instance in deployed.Roles.SelectMany(r => r.Instances))
        {
            output.WriteLine($"  {instance.InstanceId} {instance.State}{(instance.Detail is null ? string.Empty : $" ({instance.Detail})")}");
        }

        return CloudServiceCli.Success;
    }
}
