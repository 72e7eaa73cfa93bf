using System.CommandLine;
using BackgroundRoles.Cli.Commands;

namespace BackgroundRoles.Cli;

/// <summary>
/// The <c>cloudservice</c> command line: one verb per command class. Exit codes: 0 done, 1 the request failed
/// (validation errors, a refused operation), 2 usage error; <c>host</c> passes on the role's own exit code.
/// </summary>
public static class CloudServiceCli
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Runs Azure Cloud Services roles (csdef, cscfg, RoleEntryPoint) on .NET, locally and in production.")
        {
            ValidateCommand.Create(output, error),
            PackageCommand.Create(output, error),
            HostCommand.Create(output, error),
            RunCommand.Create(output, error),
            StatusCommand.Create(output, error),
            ScaleCommand.Create(output, error),
            RecycleCommand.Create(output, error),
            SetConfigCommand.Create(output, error),
            StopCommand.Create(output, error),
            DeployCommand.Create(output, error),
            DeleteCommand.Create(output, error),
            SwapCommand.Create(output, error),
            UpdateConfigCommand.Create(output, error),
            UpgradeCommand.Create(output, error),
            WalkUdCommand.Create(output, error),
            PortCommand.Create(output, error),
            ExportCommand.Create(output, error),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Try 'cloudservice --help'.");
            return Usage;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
