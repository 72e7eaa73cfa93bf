using System.Globalization;
using System.Text.RegularExpressions;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>
/// The ScheduleRole's service (<c>Tests/TestRoles/ScheduleRole/Service</c>) copied to a temporary folder with a test's
/// settings and a job name of its own, and its instances, each a real role process under its own
/// <c>cloudservice host --instance N</c>. Disposing stops every instance (SIGTERM, then a kill by id) and deletes the folder.
/// </summary>
internal sealed partial class ScheduleService : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<int, CliProcess> _instances = [];

    public ScheduleService(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        Name = "t" + Guid.NewGuid().ToString("N")[..12];
        Directory = Path.Combine(Path.GetTempPath(), "backgroundroles-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var source = Path.Combine(RepositoryPaths.Root, "Tests", "TestRoles", "ScheduleRole", "Service");
        File.Copy(Path.Combine(source, "ServiceDefinition.csdef"), Path.Combine(Directory, "ServiceDefinition.csdef"));
        var cscfg = File.ReadAllText(Path.Combine(source, "ServiceConfiguration.cscfg"));
        var all = new Dictionary<string, string>(settings) { ["StorageConnectionString"] = connectionString, ["Job.Name"] = Name };
        foreach (var (name, value) in all)
        {
            var setting = new Regex($"<Setting name=\"{Regex.Escape(name)}\" value=\"[^\"]*\" />");
            if (!setting.IsMatch(cscfg))
            {
                throw new ArgumentException($"The ScheduleRole's cscfg has no setting {name}.", nameof(settings));
            }

            cscfg = setting.Replace(cscfg, $"<Setting name=\"{name}\" value=\"{value}\" />");
        }

        File.WriteAllText(Path.Combine(Directory, "ServiceConfiguration.cscfg"), cscfg);
        Records = new ScheduleRoleRecordsReader(connectionString);
    }

    /// <summary>The Job.Name of this service: its scheduled job, singleton and records are named after it.</summary>
    public string Name { get; }

    public string Directory { get; }

    public ScheduleRoleRecordsReader Records { get; }

    public IReadOnlyDictionary<int, CliProcess> Instances => _instances;

    public static string InstanceId(int index) => "ScheduleRole_IN_" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Starts instance <paramref name="index"/> (again, once stopped) and waits until its role runs (<c>Run entered</c>).</summary>
    public async Task<CliProcess> StartAsync(int index)
    {
        if (_instances.Remove(index, out var previous))
        {
            previous.Dispose();
        }

        var cli = CliProcess.Start(Directory, "host", "--role", "ScheduleRole", "--instance", index.ToString(CultureInfo.InvariantCulture),
            "--csdef", "ServiceDefinition.csdef", "--cscfg", "ServiceConfiguration.cscfg", "--state-dir", Path.Combine(Directory, "state"));
        _instances[index] = cli;
        await cli.WaitForLineAsync(l => l.Contains("Run entered", StringComparison.Ordinal), StartTimeout);
        return cli;
    }

    /// <summary>Starts instances 0 to <paramref name="count"/> - 1 at once and waits until every one runs.</summary>
    public Task StartManyAsync(int count) => Task.WhenAll(Enumerable.Range(0, count).Select(StartAsync));

    /// <summary>SIGTERM to instance <paramref name="index"/>'s CLI: the role stops (its leases released) and the CLI exits 0.</summary>
    public async Task StopAsync(int index)
    {
        var cli = _instances[index];
        cli.Signal("TERM");
        Assert.AreEqual(0, await cli.WaitForExitAsync(StartTimeout), cli.Output);
    }

    /// <summary>SIGKILL to instance <paramref name="index"/>'s role process (not the CLI hosting it): no Stopping, no OnStop, no lease released.</summary>
    public async Task<DateTimeOffset> KillRoleAsync(int index)
    {
        var cli = _instances[index];
        var line = await cli.WaitForLineAsync(l => StartedLine().IsMatch(l), StartTimeout);
        var pid = StartedLine().Match(line).Groups["pid"].Value;
        using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid]);
        await kill.WaitForExitAsync();
        var killedAt = DateTimeOffset.UtcNow;
        Assert.AreEqual(0, kill.ExitCode, $"kill -KILL {pid}");
        await cli.WaitForExitAsync(StartTimeout);
        return killedAt;
    }

    /// <summary>Every instance's output, for a failure message.</summary>
    public string Output => string.Join(Environment.NewLine, _instances.OrderBy(i => i.Key).Select(i => $"--- instance {i.Key}:{Environment.NewLine}{i.Value.Output}"));

    public void Dispose()
    {
        foreach (var cli in _instances.Values)
        {
            try
            {
                cli.Signal("TERM");
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }

        foreach (var cli in _instances.Values)
        {
            try
            {
                cli.WaitForExitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            }
            catch (TimeoutException)
            {
                // Disposing kills it.
            }

            cli.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the temp folder is reclaimed later.
        }
    }

    [GeneratedRegex(@"^ScheduleRole_IN_\d+: started as process (?<pid>\d+);")]
    private static partial Regex StartedLine();
}
