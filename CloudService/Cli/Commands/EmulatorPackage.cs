using BackgroundRoles.Cli.Control;
using BackgroundRoles.Fabric.Packaging;

namespace BackgroundRoles.Cli.Commands;

/// <summary>What deploy and upgrade give the running emulator: a package (the current build, packaged here, or one given) and a cscfg.</summary>
internal static class EmulatorPackage
{
    /// <summary>
    /// Without <paramref name="packageReference"/>, packages the build as it is now, owned by the emulator's process (removed
    /// with its deployment), with <paramref name="cscfg"/> or the local cscfg; with one, passes it on (a folder as a full
    /// path). Null, with the reason printed, when the model is not valid or packaging fails.
    /// </summary>
    public static async Task<(string Package, string? CscfgPath)?> PrepareAsync(
        ControlClient client, string csdef, string? cscfg, string? packageReference, string? stateDirectory, TextWriter output, TextWriter error)
    {
        var cscfgPath = cscfg is null ? null : Path.GetFullPath(cscfg);
        if (packageReference is not null)
        {
            return (Directory.Exists(packageReference) ? Path.GetFullPath(packageReference) : packageReference, cscfgPath);
        }

        var layout = ModelLoader.Layout(csdef, ControlClient.StateDirectory(stateDirectory));
        cscfgPath ??= Path.GetFullPath(ModelLoader.LocalConfigurationFileName);
        if (ModelLoader.LoadForRun(csdef, cscfgPath, error) is not { } model)
        {
            return null;
        }

        try
        {
            var package = await new ServicePackager(layout, output)
                .PackageAsync(model.Definition, csdef, cscfgPath, RoleSource.BuildOutput, forRun: true, ownerProcessId: client.Endpoint.ProcessId).ConfigureAwait(false);
            return (package.Directory, cscfgPath);
        }
        catch (Exception e) when (e is PackagingException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
    }
}
