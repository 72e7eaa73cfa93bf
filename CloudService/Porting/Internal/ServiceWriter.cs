using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// The service files of a ported solution: the csdef and cscfg files copied beside the ported roles, so
/// <c>cloudservice run</c> in the port's folder runs them, and a solution file that builds every role at once.
/// </summary>
internal static class ServiceWriter
{
    /// <summary>
    /// The csdef as it was, except that a role whose assembly is not named for it gets a NetFxEntryPoint naming it
    /// (the platform took that from the package; the emulator looks for <c>&lt;Role&gt;.dll</c> otherwise).
    /// Returns the text to write and what needs a hand (startup tasks that are Windows command lines).
    /// </summary>
    public static (string Text, List<PortFinding> Findings) Definition(string csdefPath, IReadOnlyDictionary<string, string> assemblyByRole)
    {
        var document = MsBuildXml.Load(csdefPath);
        var findings = new List<PortFinding>();
        var ns = document.Root!.Name.Namespace;
        var changed = false;
        foreach (var role in document.Root.Elements().Where(e => e.Name.LocalName is "WorkerRole" or "WebRole"))
        {
            var name = role.Attribute("name")?.Value ?? string.Empty;
            foreach (var task in role.Descendants().Where(e => e.Name.LocalName == "Task"))
            {
                var commandLine = task.Attribute("commandLine")?.Value ?? string.Empty;
                if (commandLine.Contains(".cmd", StringComparison.OrdinalIgnoreCase) || commandLine.Contains(".bat", StringComparison.OrdinalIgnoreCase)
                    || commandLine.Contains("powershell", StringComparison.OrdinalIgnoreCase) || commandLine.Contains(".ps1", StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add(new PortFinding(csdefPath, MsBuildXml.Line(task), 0, PortRules.FrameworkOnly, $"role {name}: startup task '{commandLine}' is a Windows command line",
                        "startup tasks run through /bin/sh in the approot: write a shell script that does the same and name it in the port's csdef"));
                }
            }

            if (!assemblyByRole.TryGetValue(name, out var assembly) || string.Equals(assembly, name, StringComparison.Ordinal))
            {
                continue;
            }

            var runtime = role.Elements().FirstOrDefault(e => e.Name.LocalName == "Runtime");
            var entryPoint = runtime?.Elements().FirstOrDefault(e => e.Name.LocalName == "EntryPoint");
            var netFx = entryPoint?.Elements().FirstOrDefault(e => e.Name.LocalName == "NetFxEntryPoint");
            if (netFx is not null)
            {
                netFx.SetAttributeValue("assemblyName", assembly + ".dll");
            }
            else if (entryPoint is null)
            {
                if (runtime is null)
                {
                    runtime = new XElement(ns + "Runtime");
                    role.Add(runtime);
                }

                runtime.Add(new XElement(ns + "EntryPoint", new XElement(ns + "NetFxEntryPoint", new XAttribute("assemblyName", assembly + ".dll"), new XAttribute("targetFrameworkVersion", "v10.0"))));
            }

            changed = true;
        }

        if (!changed)
        {
            return (File.ReadAllText(csdefPath), findings);
        }

        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { OmitXmlDeclaration = document.Declaration is null, Indent = false, Encoding = new UTF8Encoding(false) }))
        {
            document.Save(xml);
        }

        return (Encoding.UTF8.GetString(stream.ToArray()), findings);
    }

    /// <summary>A solution (.slnx) of the ported role projects, built in one go.</summary>
    public static string Solution(IEnumerable<string> projectPaths) =>
        "<Solution>" + Environment.NewLine
        + string.Concat(projectPaths.Select(p => $"  <Project Path=\"{System.Security.SecurityElement.Escape(p.Replace('\\', '/'))}\" />{Environment.NewLine}"))
        + "</Solution>" + Environment.NewLine;
}
