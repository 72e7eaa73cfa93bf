using System.Runtime.InteropServices;

namespace BackgroundRoles.Fabric.Internal;

/// <summary>Sends a signal to a process: .NET can only SIGKILL, and a role must be asked to stop with SIGTERM.</summary>
internal static partial class NativeMethods
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>SIGTERM on Linux and macOS.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGINT on Linux and macOS.</summary>
    public const int SigInt = 2;

    /// <summary>SIGKILL on Linux and macOS.</summary>
    public const int SigKill = 9;

    public static bool TrySignal(int pid, int signal) =>
        !OperatingSystem.IsWindows() && Kill(pid, signal) == 0;
}
