using System.Globalization;

namespace BackgroundRoles.Fabric.Internal;

/// <summary>
/// A process and its descendants, so that a startup task run through <c>/bin/sh -c</c> is stopped with the
/// programs its shell started (a shell that dies on SIGTERM leaves its children running otherwise). Linux reads
/// /proc; elsewhere only the process itself is known.
/// </summary>
internal static class ProcessTree
{
    /// <summary>The process and every descendant, parents first.</summary>
    public static IReadOnlyList<int> Of(int rootId)
    {
        var result = new List<int> { rootId };
        if (!OperatingSystem.IsLinux())
        {
            return result;
        }

        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && TryReadParent(directory, out var parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        for (var i = 0; i < result.Count; i++)
        {
            if (children.TryGetValue(result[i], out var list))
            {
                result.AddRange(list);
            }
        }

        return result;
    }

    /// <summary>Sends <paramref name="signal"/> to the process and its descendants.</summary>
    public static void Signal(int rootId, int signal)
    {
        foreach (var pid in Of(rootId))
        {
            NativeMethods.TrySignal(pid, signal);
        }
    }

    private static bool TryReadParent(string procDirectory, out int parent)
    {
        parent = 0;
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText(Path.Combine(procDirectory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
