using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BackgroundRoles.Porting;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>port PATH [--out DIR] [--json]</c>: writes an SDK-style net10.0 role project beside a classic role project
/// (or each role of a Cloud Service solution folder, with its csdef and cscfg), builds it, and lists per file what
/// still needs a hand. The compatibility project is the one of the checkout this CLI was built from. Exit 0 when the
/// port builds, 1 when it does not, 2 on usage errors (including an input that cannot be ported as given).
/// </summary>
internal static class PortCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("PATH") { Description = "A classic role project (.csproj), a Cloud Service project (.ccproj), or a folder holding one." };
        var outDirectory = new Option<string?>("--out") { Description = "Where the port goes (default: <folder>.Ported beside the project's or service's folder)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("port", "Port a classic role project or Cloud Service solution to an SDK-style net10.0 role project, build it and list what needs a hand.") { path, outDirectory, json };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(outDirectory), parse.GetValue(json), output, error));
        return command;
    }

    private static int Run(string path, string? outDirectory, bool json, TextWriter output, TextWriter error)
    {
        if (Porter.FindRepositoryRoot(AppContext.BaseDirectory) is not { } repository)
        {
            error.WriteLine($"error: this CLI does not run from a BackgroundRoles checkout's build (no {PortingDefaults.CompatProject} above {AppContext.BaseDirectory}); the port references that checkout's compatibility project");
            return CloudServiceCli.Usage;
        }

        PortReport report;
        try
        {
            report = Porter.Port(new PortOptions(path, outDirectory, repository, OwnConfiguration()), json ? TextWriter.Null : output);
        }
        catch (Exception e) when (e is PortingException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return CloudServiceCli.Usage;
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        }
        else
        {
            Print(report, output);
        }

        return report.Built ? CloudServiceCli.Success : CloudServiceCli.Failed;
    }

    /// <summary>The configuration this CLI was built in (artifacts/bin/cloudservice/&lt;configuration&gt;): the one <c>run</c> takes roles from.</summary>
    private static string OwnConfiguration()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return own.Parent?.Parent is { Name: "bin", Parent.Name: "artifacts" } && own.Name.Length > 0
            ? char.ToUpperInvariant(own.Name[0]) + own.Name[1..]
            : "Debug";
    }

    private static void Print(PortReport report, TextWriter output)
    {
        foreach (var role in report.Roles)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{role.Name}: {role.CompiledFiles} source file(s) and {role.ContentFiles} content file(s) linked{(role.AppConfig ? ", app.config kept" : string.Empty)}; packages: {(role.Packages.Count == 0 ? "none" : string.Join(", ", role.Packages))}"));
            foreach (var note in role.Notes)
            {
                output.WriteLine($"  not carried over: {note}");
            }
        }

        if (report.ServiceFiles.Count > 0)
        {
            output.WriteLine($"service files: {string.Join(", ", report.ServiceFiles.Select(Path.GetFileName))}");
        }

        if (report.Findings.Count > 0)
        {
            var files = report.Findings.GroupBy(f => f.File, StringComparer.Ordinal).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"What still needs a hand ({report.Findings.Count} place(s) in {files.Count} file(s)):"));
            foreach (var file in files)
            {
                output.WriteLine(Display(file.Key));
                foreach (var finding in file)
                {
                    var where = finding.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {finding.Line}") : "(no line)";
                    var code = finding.CompilerCode is null ? string.Empty : $" (build: error {finding.CompilerCode})";
                    output.WriteLine($"  {where}: [{finding.Rule}] {finding.Message}{code}");
                    if (finding.Hint is not null)
                    {
                        output.WriteLine($"      hint: {finding.Hint}");
                    }
                }
            }
        }

        output.WriteLine(report.Built
            ? $"port: the port builds; {(report.IsService ? $"'cloudservice run' in {Display(report.OutputDirectory)} runs it" : $"its project is {Display(report.Roles[0].Project)}")}"
            : "port: the port does not build yet; change the places above in the original files and run 'cloudservice port' again");
    }

    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
