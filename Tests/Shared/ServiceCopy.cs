namespace BackgroundRoles.Tests;

/// <summary>
/// The repository's own csdef, Local cscfg and startup tasks copied to a temporary folder, with settings changed for a test,
/// so a real role can be hosted with its own state folder and nothing of the developer's is touched. The web role's
/// input endpoint gets a free loopback port instead of the csdef's 8080: <c>host</c> listens on the csdef's port
/// itself, and another test run (or a developer's <c>run</c>) may hold 8080.
/// </summary>
internal sealed class ServiceCopy : IDisposable
{
    /// <param name="settings">Values for settings the Local cscfg has (an unknown name throws, so a typo cannot pass silently).</param>
    /// <param name="instances">Each role's instance count.</param>
    /// <param name="webRoleSettings">
    /// Optional web role settings the repository's csdef does not declare (for example <c>Events.KeepAlive</c>): declared
    /// in the copy's csdef and valued in its cscfg, for the web role only.
    /// </param>
    public ServiceCopy(IReadOnlyDictionary<string, string>? settings = null, int instances = 1, IReadOnlyDictionary<string, string>? webRoleSettings = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "backgroundroles-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var csdef = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "ServiceDefinition.csdef"));
        const string WebEndpoint = "<InputEndpoint name=\"HttpIn\" protocol=\"http\" port=\"8080\" />";
        if (!csdef.Contains(WebEndpoint, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The repository's csdef no longer declares " + WebEndpoint);
        }

        csdef = csdef.Replace(WebEndpoint, WebEndpoint.Replace("8080", Loopback.FreePorts(1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), StringComparison.Ordinal);
        var webSettings = webRoleSettings ?? new Dictionary<string, string>();
        csdef = AddToWebRole(csdef, "<WebRole name=\"WebRole\"", string.Concat(webSettings.Keys.Select(name => $"<Setting name=\"{name}\" />")));
        File.WriteAllText(Path.Combine(Directory, "ServiceDefinition.csdef"), csdef);
        var startupTasks = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "StartupTasks"));
        foreach (var script in System.IO.Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "StartupTasks")))
        {
            File.Copy(script, Path.Combine(startupTasks.FullName, Path.GetFileName(script)));
        }

        var cscfg = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "ServiceConfiguration.Local.cscfg"));
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            var before = cscfg;
            cscfg = System.Text.RegularExpressions.Regex.Replace(
                cscfg, $"<Setting name=\"{System.Text.RegularExpressions.Regex.Escape(name)}\" value=\"[^\"]*\" />", $"<Setting name=\"{name}\" value=\"{value}\" />");
            if (cscfg == before)
            {
                throw new ArgumentException($"The Local cscfg has no setting {name}.", nameof(settings));
            }
        }

        cscfg = AddToWebRole(cscfg, "<Role name=\"WebRole\">", string.Concat(webSettings.Select(setting => $"<Setting name=\"{setting.Key}\" value=\"{setting.Value}\" />")));
        cscfg = cscfg.Replace("<Instances count=\"1\" />", $"<Instances count=\"{instances}\" />", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Directory, "ServiceConfiguration.Local.cscfg"), cscfg);
    }

    public string Directory { get; }

    public string StateDirectory => Path.Combine(Directory, ".cloudservice");

    public string LocalResource(string instanceId, string name) => Path.Combine(StateDirectory, "instances", instanceId, "LocalResources", name);

    public CliProcess Host(string role, params string[] extra) =>
        CliProcess.Start(Directory, ["host", "--role", role, .. extra]);

    /// <summary>Puts <paramref name="settings"/> (XML) first in the ConfigurationSettings of the web role that <paramref name="role"/> opens.</summary>
    private static string AddToWebRole(string document, string role, string settings)
    {
        if (settings.Length == 0)
        {
            return document;
        }

        const string Section = "<ConfigurationSettings>";
        var at = document.IndexOf(role, StringComparison.Ordinal);
        var section = at < 0 ? -1 : document.IndexOf(Section, at, StringComparison.Ordinal);
        if (section < 0)
        {
            throw new InvalidOperationException($"The repository's service files no longer have {role} with {Section}.");
        }

        return document.Insert(section + Section.Length, settings);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the temp folder is reclaimed later.
        }
    }
}
