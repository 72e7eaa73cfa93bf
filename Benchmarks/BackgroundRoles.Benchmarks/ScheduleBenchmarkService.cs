using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// The ScheduleRole's service (<c>Tests/TestRoles/ScheduleRole/Service</c>) copied to a temporary folder with the
/// benchmark's settings (its Azurite, a job name of its own), and its instances, each under its own
/// <c>./cloudservice host --instance N</c>. Disposing stops them (SIGTERM, then a kill by id) and deletes the folder.
/// </summary>
internal sealed partial class ScheduleBenchmarkService : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string ServiceFolder = "Tests/TestRoles/ScheduleRole/Service";
    private readonly string _root;
    private readonly Dictionary<int, TimedProcess> _instances = [];

    private ScheduleBenchmarkService(string root, string directory, string name, string connectionString)
    {
        _root = root;
        Directory = directory;
        Name = name;
        Records = new ScheduleRoleRecordsReader(connectionString);
    }

    /// <summary>The Job.Name setting: the scheduled job, the singleton and their records are named after it.</summary>
    public string Name { get; }

    public string Directory { get; }

    public ScheduleRoleRecordsReader Records { get; }

    /// <summary>Builds the role (Debug, as <c>host</c> runs it) and writes the service with <paramref name="settings"/>.</summary>
    public static async Task<ScheduleBenchmarkService> CreateAsync(string root, string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var startInfo = new ProcessStartInfo("dotnet", ["build", "Tests/TestRoles/ScheduleRole/ScheduleRole.csproj", "-c", "Debug", "-nologo", "-v", "q", "-tl:off"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
        };
        using (var build = Process.Start(startInfo)!)
        {
            // The build's output is kept out of the report, and shown when it fails.
            var log = await build.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await build.WaitForExitAsync().ConfigureAwait(false);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException("Building Tests/TestRoles/ScheduleRole failed:\n" + log);
            }
        }

        var name = "b" + Guid.NewGuid().ToString("N")[..12];
        var directory = System.IO.Directory.CreateTempSubdirectory("backgroundroles-bench-schedule-").FullName;
        File.Copy(Path.Combine(root, ServiceFolder, "ServiceDefinition.csdef"), Path.Combine(directory, "ServiceDefinition.csdef"));
        var cscfg = File.ReadAllText(Path.Combine(root, ServiceFolder, "ServiceConfiguration.cscfg"));
        var all = new Dictionary<string, string>(settings) { ["StorageConnectionString"] = connectionString, ["Job.Name"] = name };
        foreach (var (setting, value) in all)
        {
            var pattern = new Regex($"<Setting name=\"{Regex.Escape(setting)}\" value=\"[^\"]*\" />");
            if (!pattern.IsMatch(cscfg))
            {
                throw new InvalidOperationException($"{ServiceFolder}/ServiceConfiguration.cscfg has no setting {setting}.");
            }

            cscfg = pattern.Replace(cscfg, $"<Setting name=\"{setting}\" value=\"{value}\" />");
        }

        File.WriteAllText(Path.Combine(directory, "ServiceConfiguration.cscfg"), cscfg);

        // Unmeasured: ./cloudservice builds the service first when a source changed, and the copy must be valid.
        using var validate = Process.Start(new ProcessStartInfo(Path.Combine(root, "cloudservice"), ["validate", "--csdef", "ServiceDefinition.csdef", "--cscfg", "ServiceConfiguration.cscfg"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = validate.StandardOutput.ReadToEndAsync();
        var errors = await validate.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await validate.WaitForExitAsync().ConfigureAwait(false);
        if (validate.ExitCode != 0)
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"./cloudservice validate of the ScheduleRole's service failed: {await output.ConfigureAwait(false)}{errors}");
        }

        return new ScheduleBenchmarkService(root, directory, name, connectionString);
    }

    public static string InstanceId(int index) => "ScheduleRole_IN_" + index.ToString(CultureInfo.InvariantCulture);

    public TimedProcess Instance(int index) => _instances[index];

    /// <summary>Starts instance <paramref name="index"/> (again, after a kill) and waits until its role runs.</summary>
    public async Task<TimedProcess> StartAsync(int index)
    {
        if (_instances.Remove(index, out var previous))
        {
            previous.Dispose();
        }

        var process = TimedProcess.Start(Directory, Path.Combine(_root, "cloudservice"), [
            "host", "--role", "ScheduleRole", "--instance", index.ToString(CultureInfo.InvariantCulture), "--csdef", "ServiceDefinition.csdef",
            "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", Path.Combine(Directory, "state")], "Run entered");
        _instances[index] = process;
        if (await process.WaitReadyAsync(StartTimeout).ConfigureAwait(false) is null)
        {
            throw new InvalidOperationException($"{InstanceId(index)} did not start:\n{process.Transcript()}");
        }

        return process;
    }

    /// <summary>SIGKILL to instance <paramref name="index"/>'s role process (not the CLI hosting it); when it was sent.</summary>
    public async Task<DateTimeOffset> KillRoleAsync(int index)
    {
        var process = _instances[index];
        var line = process.Lines.Select(l => StartedLine().Match(l.Line)).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"{InstanceId(index)} never said its process id:\n{process.Transcript()}");
        var pid = int.Parse(line.Groups["pid"].Value, CultureInfo.InvariantCulture);
        var killedAt = DateTimeOffset.UtcNow;
        if (!NativeMethods.TryKill(pid))
        {
            throw new InvalidOperationException($"{InstanceId(index)}'s role process {pid} could not be killed.");
        }

        await process.WaitForExitAsync(StartTimeout).ConfigureAwait(false);
        return killedAt;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_instances.Values.Select(async process =>
        {
            try
            {
                await process.TerminateAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // WaitForExitAsync killed it.
            }
        })).ConfigureAwait(false);
        foreach (var process in _instances.Values)
        {
            process.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived the benchmark may still hold a file; the temporary folder is reclaimed later.
        }
    }

    [GeneratedRegex(@"^ScheduleRole_IN_\d+: started as process (?<pid>\d+);")]
    private static partial Regex StartedLine();
}
