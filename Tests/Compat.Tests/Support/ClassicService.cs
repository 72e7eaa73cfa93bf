using BackgroundRoles.Tests;

namespace BackgroundRoles.Compat.Tests.Support;

/// <summary>
/// A temporary Cloud Service of the ClassicRole test role (a worker role written for the SDK, built against the
/// compat assembly) with the Diagnostics import as classic services had it, run through the real CLI.
/// </summary>
internal sealed class ClassicService : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public const string InstanceId = "ClassicRole_IN_0";

    /// <summary>
    /// The cscfg's diagnostics account (in Tests/TestRoles/ClassicRole/Service): a made-up key, never used to connect;
    /// the compat monitor transfers nothing, and development storage would make the CLI start Azurite, which these
    /// tests do not need. The tests check it is never logged.
    /// </summary>
    public const string DiagnosticsAccountName = "classicdiagnostics";

    public ClassicService()
    {
        Directory = Path.Combine(Path.GetTempPath(), "backgroundroles-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "Tests", "TestRoles", "ClassicRole", "Service")))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }
    }

    public string Directory { get; }

    public string StateDirectory => Path.Combine(Directory, "state");

    /// <summary>The instance's log4net file, as the shipped log4net.config names it.</summary>
    public string LogFile => Path.Combine(StateDirectory, "logs", InstanceId + ".log");

    public CliProcess Host() => CliProcess.Start(Directory, "host", "--role", "ClassicRole", "--csdef", "ServiceDefinition.csdef", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", StateDirectory);

    public CliProcess Run() => CliProcess.Start(Directory, "run", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", StateDirectory);

    /// <summary>Runs a control verb against this service's emulator.</summary>
    public Task<(int ExitCode, CliProcess Cli)> CliAsync(params string[] arguments) =>
        CliProcess.RunAsync(Directory, Timeout, [.. arguments, "--state-dir", StateDirectory]);

    /// <summary>The log file's lines, read while the role may still write it.</summary>
    public IReadOnlyList<string> LogLines()
    {
        if (!File.Exists(LogFile))
        {
            return [];
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
    }

    /// <summary>Polls the log file until a line ends with <paramref name="text"/>; returns its index.</summary>
    public async Task<int> WaitForLogLineAsync(string text, CliProcess process)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var lines = LogLines();
            var index = lines.ToList().FindIndex(l => l.EndsWith(text, StringComparison.Ordinal));
            if (index >= 0)
            {
                return index;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log line ending with '{text}'. Log:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{Environment.NewLine}Output:{Environment.NewLine}{process.Output}");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A role process that outlived its test may still hold a file; the temp folder is reclaimed later.
        }
    }
}
