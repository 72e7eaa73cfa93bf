using System.Diagnostics;

namespace BackgroundRoles.Porting.Internal;

/// <summary>Builds a port with <c>dotnet build</c> and collects its errors.</summary>
internal static class PortBuild
{
    public static (bool Succeeded, IReadOnlyList<BuildMessage> Errors) Run(string target, string configuration)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(target)!,
        };
        foreach (var argument in new[] { "build", target, "-c", configuration, "-nologo", "-v", "q", "-tl:off", "-clp:NoSummary" })
        {
            start.ArgumentList.Add(argument);
        }

        // The errors are parsed: in English whatever the machine's language.
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        using var build = Process.Start(start) ?? throw new PortingException("could not start 'dotnet build'");
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        if (!build.WaitForExit(PortingDefaults.BuildTimeout))
        {
            build.Kill(entireProcessTree: true);
            throw new PortingException($"'dotnet build {target}' did not finish within {PortingDefaults.BuildTimeout.TotalMinutes:F0} minutes");
        }

        build.WaitForExit();
        var lines = (stdout.Result + Environment.NewLine + stderr.Result).Split('\n', StringSplitOptions.TrimEntries);
        var errors = BuildOutputParser.Errors(lines);
        if (build.ExitCode != 0 && errors.Count == 0)
        {
            errors = [new BuildMessage(target, 0, 0, "build", string.Join(" ", lines.Where(l => l.Length > 0).TakeLast(5)))];
        }

        return (build.ExitCode == 0, errors);
    }
}
