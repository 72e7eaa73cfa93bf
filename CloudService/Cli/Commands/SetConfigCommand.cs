using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Fabric.Instances;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>set-config [--slot S] [--role R] KEY=VALUE... [--state-dir D]</c>: changes settings of the running emulator live. Each
/// key must be a setting the csdef declares (for the role, or for some role without --role). Every instance of
/// the role(s) gets Changing, then Changed; one that cancels Changing is recycled with the new values.
/// Exit 0, 1 refused (undeclared setting), 2 usage.
/// </summary>
internal static class SetConfigCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var role = new Option<string?>("--role") { Description = "Only this role (default: every role that declares the setting)." };
        var pairs = new Argument<string[]>("KEY=VALUE") { Description = "Settings and their new values.", Arity = ArgumentArity.OneOrMore };
        var slot = ControlOptions.Slot();
        var stateDir = ControlOptions.StateDir();
        var command = new Command("set-config", "Change configuration settings of the running emulator (Changing, then Changed).") { role, pairs, slot, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(role), parse.GetValue(pairs)!, parse.GetValue(slot), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(string? role, string[] pairs, DeploymentSlot slot, string? stateDirectory, TextWriter output, TextWriter error)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // The argument may be a value typed without its name: shown masked, like every setting value.
                error.WriteLine($"error: '{(equals < 0 ? SecretMask.Text(pair) : "=" + SecretMask.Mask)}' is not KEY=VALUE");
                return CloudServiceCli.Usage;
            }

            settings[pair[..equals]] = pair[(equals + 1)..];
        }

        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<SetConfigResponse>(HttpMethod.Post, "set-config", new SetConfigRequest(role, settings) { Slot = slot }).ConfigureAwait(false) is not { } response)
        {
            return CloudServiceCli.Failed;
        }

        foreach (var outcome in response.Instances)
        {
            output.WriteLine(Describe(outcome));
        }

        return CloudServiceCli.Success;
    }

    /// <summary>One line for what a change did to an instance.</summary>
    public static string Describe(ChangeOutcome outcome) => outcome.Outcome switch
    {
        "applied" => $"{outcome.InstanceId}: applied (Changing, then Changed)",
        "recycled" => $"{outcome.InstanceId}: recycled (Changing was cancelled or not answered); it starts again with the new values",
        _ => $"{outcome.InstanceId}: not running now; it starts with the new values",
    };
}
