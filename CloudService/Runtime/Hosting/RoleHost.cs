using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using BackgroundRoles.Hosting.Internal;
using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Hosting;

/// <summary>
/// The entry of a role process: a role project's <c>Program.cs</c> is one line, <c>return RoleHost.Run(args);</c>.
/// Reads the instance descriptor named by <see cref="RoleInstanceDescriptor.EnvironmentVariable"/>, configures
/// log4net, installs the <see cref="RoleEnvironment"/>, finds the role's <see cref="RoleEntryPoint"/> and runs
/// its lifecycle: OnStart, Ready, Run, then Stopping and OnStop on a stop, a recycle request or Run returning.
/// SIGTERM, SIGINT and SIGQUIT all mean stop. Under the emulator (the descriptor names a
/// <see cref="RoleInstanceDescriptor.ControlChannel"/>) the fabric also stops, recycles and reconfigures the
/// instance through its control channel; without one, what <see cref="OrchestratorEnvironment"/> reads from the
/// environment (instance id, instance count, settings) overrides the descriptor. The exit code is one of
/// <see cref="RoleHostExitCodes"/>.
/// </summary>
public static class RoleHost
{
    public static int Run(string[] args)
    {
        _ = args;
        var descriptorPath = Environment.GetEnvironmentVariable(RoleInstanceDescriptor.EnvironmentVariable);
        if (string.IsNullOrEmpty(descriptorPath))
        {
            Console.Error.WriteLine($"error: this program is a role of a cloud service; start it with './cloudservice host --role <name>' ({RoleInstanceDescriptor.EnvironmentVariable} is not set).");
            return RoleHostExitCodes.HostError;
        }

        RoleInstanceDescriptor descriptor;
        try
        {
            descriptor = RoleInstanceDescriptor.FromJson(File.ReadAllText(descriptorPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            Console.Error.WriteLine($"error: cannot read the role instance descriptor '{descriptorPath}': {e.Message}");
            return RoleHostExitCodes.HostError;
        }

        if (descriptor.ControlChannel is null)
        {
            // Standalone (host, or an orchestrator starting the executable): the environment overrides the descriptor.
            if (OrchestratorEnvironment.Apply(descriptor, Environment.GetEnvironmentVariable, out var problem) is not { } applied)
            {
                Console.Error.WriteLine($"error: {problem}");
                return RoleHostExitCodes.HostError;
            }

            descriptor = applied;
        }

        var exitCode = Run(descriptor);

        // User code may have left foreground threads behind; the lifecycle is over, so the process ends here.
        Environment.Exit(exitCode);
        return exitCode;
    }

    /// <summary>Runs one role instance described by <paramref name="descriptor"/> and returns its exit code.</summary>
    public static int Run(RoleInstanceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var (loggerFactory, loggerProvider) = RoleLogging.CreateFactory(descriptor.InstanceId, descriptor.LogDirectory);
        using var disposeLogging = loggerFactory;
        var logger = loggerFactory.CreateLogger("BackgroundRoles.RoleHost");

        var environment = new RoleInstanceEnvironment(descriptor);
        RoleEnvironment.Install(environment);
        RoleLoggerFactory.Install(loggerFactory, loggerProvider);
        try
        {
            foreach (var resource in descriptor.LocalResources)
            {
                Directory.CreateDirectory(resource.RootPath);
            }

            if (!EntryPointLocator.TryCreate(descriptor, out var entryPoint, out var error))
            {
                RoleHostLog.EntryPointNotFound(logger, descriptor.RoleName, error);
                return RoleHostExitCodes.HostError;
            }

            var host = new RoleInstanceHost(environment, entryPoint, logger, TimeProvider.System);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
            using var channel = descriptor.ControlChannel is { } address ? ControlChannelClient.Connect(address, environment, host, logger) : null;
            if (!TryStartProbes(descriptor, environment, host, logger, out var probes))
            {
                return RoleHostExitCodes.HostError;
            }

            using (probes)
            {
                return host.Run();
            }

            void OnSignal(PosixSignalContext context)
            {
                // One shutdown path for every signal: the host runs Stopping and OnStop within the budget.
                context.Cancel = true;
                host.RequestStop(context.Signal.ToString());
            }
        }
        finally
        {
            RoleLoggerFactory.Install(null, null);
            RoleEnvironment.Install(null);
        }
    }

    /// <summary>
    /// Starts the probe server when <see cref="ProbeOptions.PortVariable"/> asks for one and no fabric follows the
    /// instance; false (logged: which variable, or which address and port) when the options are bad or the port is taken.
    /// </summary>
    private static bool TryStartProbes(RoleInstanceDescriptor descriptor, RoleInstanceEnvironment environment, RoleInstanceHost host, ILogger logger, out ProbeServer? probes)
    {
        probes = null;
        if (descriptor.ControlChannel is not null)
        {
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ProbeOptions.PortVariable)))
            {
                RoleHostLog.ProbesIgnored(logger);
            }

            return true;
        }

        var options = ProbeOptions.Read(Environment.GetEnvironmentVariable, out var error);
        if (error is not null)
        {
            RoleHostLog.ProbesUnusable(logger, error);
            return false;
        }

        if (options is null)
        {
            return true;
        }

        try
        {
            probes = ProbeServer.Start(host, environment, options, logger, TimeProvider.System);
            return true;
        }
        catch (SocketException e)
        {
            RoleHostLog.ProbesUnusable(logger, $"cannot listen at {options.Address}:{options.Port}: {e.Message}");
            return false;
        }
    }
}
