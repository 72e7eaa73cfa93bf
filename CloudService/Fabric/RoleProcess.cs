using System.Diagnostics;
using BackgroundRoles.Fabric.Internal;
using BackgroundRoles.Hosting;

namespace BackgroundRoles.Fabric;

/// <summary>
/// One role instance running as a child process: its descriptor written, its local resources prepared, its
/// standard output and error shared with ours. <see cref="RequestStop"/> sends SIGTERM, which the role host
/// maps to Stopping then OnStop; the exit code is one of <see cref="RoleHostExitCodes"/>.
/// </summary>
public sealed class RoleProcess : IDisposable
{
    private readonly Process _process;

    private RoleProcess(Process process, RoleInstanceSpec spec)
    {
        _process = process;
        Spec = spec;
    }

    public RoleInstanceSpec Spec { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Writes the descriptor and starts the process (<see cref="PrepareLocalResources"/> came first).</summary>
    public static RoleProcess Start(RoleInstanceSpec spec, string instanceDirectory)
    {
        Directory.CreateDirectory(instanceDirectory);
        foreach (var resource in spec.Descriptor.LocalResources)
        {
            Directory.CreateDirectory(resource.RootPath);
        }

        var descriptorPath = Path.Combine(instanceDirectory, "descriptor.json");
        // The descriptor holds the role's settings, connection strings included: readable by this user only.
        File.WriteAllText(descriptorPath, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(descriptorPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(descriptorPath, spec.Descriptor.ToJson());

        var startInfo = new ProcessStartInfo(spec.Command.FileName)
        {
            WorkingDirectory = spec.Command.WorkingDirectory,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.EnvironmentVariables)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment[RoleInstanceDescriptor.EnvironmentVariable] = descriptorPath;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {spec.Command.FileName}.");
        return new RoleProcess(process, spec);
    }

    /// <summary>
    /// The first step of every start, before the startup tasks (which may fill them): the local resources declared
    /// with cleanOnRoleRecycle (the default) emptied, every one created.
    /// </summary>
    public static void PrepareLocalResources(RoleInstanceSpec spec)
    {
        foreach (var path in spec.CleanOnStart.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }

        foreach (var resource in spec.Descriptor.LocalResources)
        {
            Directory.CreateDirectory(resource.RootPath);
        }
    }

    /// <summary>Asks the role to stop (SIGTERM): Stopping, OnStop, then exit within the stop budget.</summary>
    public bool RequestStop() => !_process.HasExited && NativeMethods.TrySignal(_process.Id, NativeMethods.SigTerm);

    /// <summary>Ends the process at once (the stop budget ran out, or the fabric gave up on it).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Dispose() => _process.Dispose();
}
