using System.Diagnostics;
using System.Text.Json;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Cli.Tests.Export;

/// <summary>
/// Runs <c>validate-manifests.mjs</c> (kubernetes-models and @kubernetes-models/keda from the repository's
/// node_modules) over a folder of manifests: its exit code, the schema errors and every document parsed.
/// </summary>
internal sealed record ManifestValidation(int ExitCode, IReadOnlyList<string> Errors, IReadOnlyList<JsonElement> Documents, string Output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Script { get; } = Path.Combine(RepositoryPaths.Root, "Tests", "Cli.Tests", "Export", "validate-manifests.mjs");

    public static async Task<ManifestValidation> RunAsync(string folder)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Script);
        startInfo.ArgumentList.Add(folder);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the manifest validation did not end within {Timeout}");
        }

        var output = await stdout;
        var error = await stderr;
        if (process.ExitCode is not (0 or 1) || output.Length == 0)
        {
            // Not a verdict on the manifests: node or its packages are missing (npm ci installs them).
            Assert.Fail($"validate-manifests.mjs exited {process.ExitCode}: {error}{output}");
        }

        using var json = JsonDocument.Parse(output);
        var errors = json.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        var documents = json.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("object").Clone()).ToList();
        return new ManifestValidation(process.ExitCode, errors, documents, output);
    }

    /// <summary>The documents of <paramref name="kind"/>.</summary>
    public IEnumerable<JsonElement> OfKind(string kind) => Documents.Where(d => d.GetProperty("kind").GetString() == kind);

    /// <summary>The document of <paramref name="kind"/> named <paramref name="name"/>; fails the test when there is none.</summary>
    public JsonElement Single(string kind, string name)
    {
        var found = OfKind(kind).Where(d => d.GetProperty("metadata").GetProperty("name").GetString() == name).ToList();
        Assert.HasCount(1, found, $"{kind} {name}: {string.Join(", ", Documents.Select(d => $"{d.GetProperty("kind")}/{d.GetProperty("metadata").GetProperty("name")}"))}");
        return found[0];
    }
}
