using System.CommandLine;
using System.Text.Json;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>validate [--csdef F] [--cscfg F] [--json]</c>: both files are checked and cross-validated; one alone is
/// checked on its own; neither: the csdef of the current folder against each of its cscfg files. With a cscfg, the
/// autoscale rules beside it (<see cref="AutoscaleRules.FileName"/>), when present, are checked too, against the
/// csdef when there is one.
/// Exit 0 when valid, 1 with the errors, 2 on usage errors.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var csdef = new Option<string?>("--csdef") { Description = "The service definition (.csdef) to check." };
        var cscfg = new Option<string?>("--cscfg") { Description = "The service configuration (.cscfg) to check." };
        var json = new Option<bool>("--json") { Description = "Print the diagnostics as JSON." };
        var command = new Command("validate", "Check a service definition and configuration, alone or against each other.") { csdef, cscfg, json };
        command.SetAction(parse => Run(parse.GetValue(csdef), parse.GetValue(cscfg), parse.GetValue(json), output, error));
        return command;
    }

    private static int Run(string? csdef, string? cscfg, bool json, TextWriter output, TextWriter error)
    {
        var checks = new List<(string What, List<Diagnostic> Diagnostics)>();
        if (csdef is not null && cscfg is not null)
        {
            checks.Add(($"{csdef} + {cscfg}", WithAutoscale(ServiceModel.ServiceModel.Load(csdef, cscfg), cscfg)));
        }
        else if (csdef is not null)
        {
            checks.Add((csdef, [.. ServiceModel.ServiceModel.CheckDefinitionFile(csdef)]));
        }
        else if (cscfg is not null)
        {
            checks.Add((cscfg, [.. ServiceModel.ServiceModel.CheckConfigurationFile(cscfg), .. AutoscaleValidator.LoadBeside(cscfg, null, null).Diagnostics]));
        }
        else
        {
            var configurations = Directory.GetFiles(".", "*.cscfg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            if (!File.Exists(ModelLoader.DefinitionFileName) || configurations.Count == 0)
            {
                error.WriteLine($"error: no {ModelLoader.DefinitionFileName} with .cscfg files in the current folder; name them with --csdef and --cscfg");
                return CloudServiceCli.Usage;
            }

            foreach (var configuration in configurations)
            {
                checks.Add(($"{ModelLoader.DefinitionFileName} + {configuration}", WithAutoscale(ServiceModel.ServiceModel.Load(ModelLoader.DefinitionFileName, configuration!), configuration!)));
            }
        }

        var all = checks.SelectMany(c => c.Diagnostics).Distinct().ToList();
        var valid = !all.Any(d => d.IsError);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(
                new
                {
                    valid,
                    diagnostics = all.Select(d => new { file = d.File, line = d.Line, column = d.Column, severity = d.Severity.ToString().ToLowerInvariant(), message = d.Message }),
                },
                new JsonSerializerOptions { WriteIndented = true }));
            return valid ? CloudServiceCli.Success : CloudServiceCli.Failed;
        }

        foreach (var (what, diagnostics) in checks)
        {
            ModelLoader.Print(diagnostics, output);
            var errors = diagnostics.Count(d => d.IsError);
            var warnings = diagnostics.Count - errors;
            output.WriteLine(errors == 0
                ? $"{what}: valid ({warnings} warning{(warnings == 1 ? "" : "s")})"
                : $"{what}: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}");
        }

        return valid ? CloudServiceCli.Success : CloudServiceCli.Failed;
    }

    /// <summary>The pair's diagnostics, then those of the autoscale rules beside the cscfg (when there are any) against the pair.</summary>
    private static List<Diagnostic> WithAutoscale(ServiceModelLoad load, string cscfg) =>
        [.. load.Diagnostics, .. AutoscaleValidator.LoadBeside(cscfg, load.Model?.Definition, load.Model?.Configuration).Diagnostics];
}
