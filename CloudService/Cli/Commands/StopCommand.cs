using System.CommandLine;
using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Control;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>stop [--no-wait] [--state-dir D]</c>: stops the running emulator gracefully (every instance Stopping and
/// OnStop within its budget), and waits until it has. Exit 0, or 1 when no emulator answers.
/// </summary>
internal static class StopCommand
{
    /// <summary>How long <c>stop</c> waits: the platform's stop budget and some.</summary>
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(6);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the emulator has been asked to stop." };
        var stateDir = ControlOptions.StateDir();
        var command = new Command("stop", "Stop the running emulator: every instance gets Stopping and OnStop.") { noWait, stateDir };
        command.SetAction(parse => RunAsync(parse.GetValue(noWait), parse.GetValue(stateDir), output, error).GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> RunAsync(bool noWait, string? stateDirectory, TextWriter output, TextWriter error)
    {
        using var client = ControlClient.Open(stateDirectory, error);
        if (client is null || await client.SendAsync<DeploymentSnapshot>(HttpMethod.Post, "stop").ConfigureAwait(false) is not { } snapshot)
        {
            return CloudServiceCli.Failed;
        }

        output.WriteLine($"Deployment {snapshot.DeploymentId}: stopping");
        output.Flush();
        if (noWait)
        {
            return CloudServiceCli.Success;
        }

        var started = TimeProvider.System.GetTimestamp();
        while (await client.IsAnsweringAsync().ConfigureAwait(false))
        {
            if (TimeProvider.System.GetElapsedTime(started) > WaitLimit)
            {
                error.WriteLine($"error: the emulator is still stopping after {WaitLimit.TotalMinutes:F0} minutes");
                return CloudServiceCli.Failed;
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        output.WriteLine($"Deployment {snapshot.DeploymentId}: stopped in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s");
        return CloudServiceCli.Success;
    }
}
