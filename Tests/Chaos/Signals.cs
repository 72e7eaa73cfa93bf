using System.Diagnostics;
using System.Globalization;

namespace BackgroundRoles.Chaos;

/// <summary>
/// POSIX signals to processes by id, through kill(1) as the tests do, and the processes whose command line names a
/// given text (how the chaos suite finds every process of an Azurite, a wrapper and its node child alike).
/// </summary>
internal static class Signals
{
    /// <summary>Sends <paramref name="signal"/> (KILL, TERM) to the process; false when it was already gone.</summary>
    public static async Task<bool> SendAsync(int processId, string signal)
    {
        var startInfo = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        startInfo.ArgumentList.Add("-" + signal);
        startInfo.ArgumentList.Add(processId.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start kill(1).");
        await kill.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await kill.WaitForExitAsync().ConfigureAwait(false);
        return kill.ExitCode == 0;
    }

    /// <summary>True while a process with that id exists (and is not a zombie).</summary>
    public static bool IsAlive(int processId)
    {
        string stat = Path.Combine("/proc", processId.ToString(CultureInfo.InvariantCulture), "stat");
        try
        {
            string text = File.ReadAllText(stat);
            int end = text.LastIndexOf(')');
            return end > 0 && end + 2 < text.Length && text[end + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Every process (but this one) whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> FindByCommandLine(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                string commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal))
                {
                    found.Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended while the folder was read.
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else's process: never ours.
            }
        }

        return found;
    }
}
