using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>scale ROLE N [--slot S] [--state-dir D]</c>: starts or stops instances of a role of the running emulator until it has N;
/// stopping takes the highest instance numbers. Exit 0, 1 refused (unknown role), 2 usage.
/// </summary>
internal static class ScaleCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var role = new Argument<string>("ROLE") { Description = "The role, as named in the csdef." };
        var count = new Argument<int>("N") { Description = $"The instance count, 1 to {LocalDeployment.MaxInstanceCount}." };
        var slot = ControlOptions.Slot();
        var stateDir = ControlOptions.StateDir();
        var command = new Command("scale", "Set the instance count of a role of the running emulator.") { role, count, slot, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(role)!, parse.GetValue(count), parse.GetValue(slot), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(string role, int count, DeploymentSlot slot, string? stateDirectory, TextWriter output, TextWriter error)
    {
        if (count is < 1 or > LocalDeployment.MaxInstanceCount)
        {
            error.WriteLine($"error: N must be from 1 to {LocalDeployment.MaxInstanceCount}");
            return CloudServiceCli.Usage;
        }

        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<DeploymentSnapshot>(HttpMethod.Post, "scale", new ScaleRequest(role, count) { Slot = slot }).ConfigureAwait(false) is not { } snapshot)
        {
            return CloudServiceCli.Failed;
        }

        var scaled = snapshot.Roles.First(r => string.Equals(r.Name, role, StringComparison.OrdinalIgnoreCase));
        output.WriteLine($"{scaled.Name}: {scaled.InstanceCount} instance{(scaled.InstanceCount == 1 ? string.Empty : "s")}");
        foreach (var instance in scaled.Instances)
        {
            output.WriteLine($"  {instance.InstanceId} {instance.State}");
        }

        return CloudServiceCli.Success;
    }
}
