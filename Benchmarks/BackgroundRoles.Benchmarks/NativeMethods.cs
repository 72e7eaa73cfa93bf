using System.Runtime.InteropServices;

namespace BackgroundRoles.Benchmarks;

/// <summary>Sends SIGTERM: .NET itself can only SIGKILL, and a role is stopped the way a user stops it.</summary>
internal static partial class NativeMethods
{
    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static bool TryTerminate(int pid) => Kill(pid, SigTerm) == 0;
}
