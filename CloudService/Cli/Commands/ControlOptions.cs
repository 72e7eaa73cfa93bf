using System.CommandLine;

namespace BackgroundRoles.Cli.Commands;

/// <summary>The option every control verb shares: where the running emulator's state folder (and control.json) is.</summary>
internal static class ControlOptions
{
    public static Option<string?> StateDir() =>
        new("--state-dir") { Description = "The running emulator's state folder, where control.json is (default: .cloudservice in the current folder)." };
}
