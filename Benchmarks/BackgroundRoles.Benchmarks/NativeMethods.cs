using System.Runtime.InteropServices;

namespace BackgroundRoles.Benchmarks;

/// <summary>
/// Sends SIGTERM (.NET itself can only SIGKILL a process it started, and a role is stopped the way a user stops it) and
/// SIGKILL to a process by id that the harness did not start itself (a role process under <c>host</c>).
/// </summary>
internal static partial class NativeMethods
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public static bool TryTerminate(int pid) => Kill(pid, SigTerm) == 0;

    public static bool TryKill(int pid) => Kill(pid, SigKill) == 0;
}
