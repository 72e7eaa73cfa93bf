using System.Text;
using BackgroundRoles.ServiceModel.Internal;
using BackgroundRoles.ServiceModel.Internal.Json;

namespace BackgroundRoles.ServiceModel;

/// <summary>
/// Reads an autoscale rule file (<see cref="AutoscaleRules.FileName"/>, JSON; comments and trailing commas allowed).
/// Never throws: every problem comes back as a <see cref="Diagnostic"/> with the file, line, column and the field's
/// path (<c>roles.WorkerRole.queues[0].messagesPerInstance</c>). A role whose rule has problems is left out of the
/// result. Checks against the csdef and cscfg are <see cref="AutoscaleValidator.Validate"/>'s.
/// </summary>
/// <example>
/// <code>
/// { "roles": { "WorkerRole": {
///     "minInstances": 1, "maxInstances": 5,
///     "queues": [ { "name": "orders", "messagesPerInstance": 20 } ],
///     "scaleOutStep": 2, "scaleOutCooldown": "00:01:00", "scaleInCooldown": "00:05:00",
///     "schedules": [ { "name": "office", "start": "0 8 * * 1-5", "end": "0 18 * * 1-5", "timeZone": "Europe/Paris", "minInstances": 2 } ] } } }
/// </code>
/// </example>
public static class AutoscaleRulesReader
{
    /// <summary>Reads the file at <paramref name="path"/>; diagnostics name it as <paramref name="path"/> is written.</summary>
    public static ParseResult<AutoscaleRules> Read(string path)
    {
        var diagnostics = new DiagnosticBag();
        if (string.IsNullOrEmpty(path))
        {
            diagnostics.Error(SourceLocation.WholeFile(path ?? ""), "no file path given");
            return new ParseResult<AutoscaleRules>(null, diagnostics.ToList());
        }

        return AutoscaleParser.Parse(JsonTreeReader.FromFile(path, diagnostics), path, diagnostics);
    }

    /// <summary>Parses <paramref name="json"/>; diagnostics name the file <paramref name="fileName"/>.</summary>
    public static ParseResult<AutoscaleRules> Parse(string json, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        fileName ??= "";
        return AutoscaleParser.Parse(JsonTreeReader.FromBytes(Encoding.UTF8.GetBytes(json ?? ""), fileName, diagnostics), fileName, diagnostics);
    }
}
