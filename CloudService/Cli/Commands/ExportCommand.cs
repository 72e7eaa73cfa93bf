using System.CommandLine;
using BackgroundRoles.Export;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Commands;

/// <summary>
/// <c>export kubernetes [--csdef F] [--cscfg F] [--autoscale F] [--out DIR] [--image-prefix P]</c>: validates the
/// service (and its autoscale rules: the file beside the cscfg, or <c>--autoscale</c>), then writes manifests, KEDA
/// ScaledObjects, Dockerfiles and NOTES.md (<see cref="KubernetesExporter"/>) and prints every note. Exit 0 written,
/// 1 invalid input or a file that could not be written, 2 usage.
/// </summary>
internal static class ExportCommand
{
    public const string CloudConfigurationFileName = "ServiceConfiguration.Cloud.cscfg";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var csdef = new Option<string>("--csdef") { Description = "The service definition.", DefaultValueFactory = _ => ModelLoader.DefinitionFileName };
        var cscfg = new Option<string>("--cscfg") { Description = $"The service configuration (default: {CloudConfigurationFileName}, the one for a real deployment).", DefaultValueFactory = _ => CloudConfigurationFileName };
        var autoscale = new Option<string?>("--autoscale") { Description = $"The autoscale rules (default: {AutoscaleRules.FileName} beside the cscfg, when there is one)." };
        var outDir = new Option<string>("--out") { Description = "The folder the manifests go to.", DefaultValueFactory = _ => ExportDefaults.OutputFolder };
        var prefix = new Option<string>("--image-prefix") { Description = "Put before each image name, such as a registry and a path ('registry.example/team/').", DefaultValueFactory = _ => string.Empty };
        var kubernetes = new Command("kubernetes", "Write Kubernetes manifests (a Deployment per role, Services, KEDA ScaledObjects) and a Dockerfile per role.")
        {
            csdef, cscfg, autoscale, outDir, prefix,
        };
        kubernetes.SetAction(parse => Run(parse.GetValue(csdef)!, parse.GetValue(cscfg)!, parse.GetValue(autoscale), parse.GetValue(outDir)!, parse.GetValue(prefix)!, output, error));
        return new Command("export", "Turn the service into what another platform runs.") { kubernetes };
    }

    private static int Run(string csdef, string cscfg, string? autoscalePath, string outDir, string prefix, TextWriter output, TextWriter error)
    {
        if (prefix.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            error.WriteLine($"error: --image-prefix '{prefix}' may not hold spaces or control characters");
            return CloudServiceCli.Usage;
        }

        if (ModelLoader.LoadForRun(csdef, cscfg, error) is not { } model)
        {
            return CloudServiceCli.Failed;
        }

        var (rules, diagnostics) = autoscalePath is null
            ? AutoscaleValidator.LoadBeside(cscfg, model.Definition, model.Configuration)
            : AutoscaleValidator.Load(autoscalePath, model.Definition, model.Configuration);
        ModelLoader.Print(diagnostics, diagnostics.Any(d => d.IsError) ? error : output);
        if (diagnostics.Any(d => d.IsError) || (autoscalePath is not null && rules is null))
        {
            return CloudServiceCli.Failed;
        }

        var serviceRoot = Path.GetDirectoryName(Path.GetFullPath(csdef))!;
        var fullOut = Path.GetFullPath(outDir);
        var relativeOut = Path.GetRelativePath(serviceRoot, fullOut);
        var export = KubernetesExporter.Export(model, rules, new KubernetesExportOptions
        {
            ServiceRoot = serviceRoot,
            ImagePrefix = prefix,
            ConfigurationName = Path.GetFileName(cscfg),
            OutputInServiceRoot = relativeOut.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relativeOut) ? null : relativeOut,
        });
        try
        {
            export.WriteTo(fullOut);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write to {outDir}: {e.Message}");
            return CloudServiceCli.Failed;
        }

        foreach (var note in export.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        output.WriteLine($"export: {export.Files.Count} files in {outDir} ({model.Definition.Roles.Count(r => r.Kind != RoleKind.Module)} roles, {rules?.Roles.Count ?? 0} autoscale rules, {export.Notes.Count} notes in {ExportDefaults.NotesFileName})");
        return CloudServiceCli.Success;
    }
}
