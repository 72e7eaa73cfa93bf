using System.Text;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// Reads an instance's log file from an offset, at most <see cref="DashboardDefaults.MaxLogChunkBytes"/> at a time
/// and in whole lines, so a page keeps up with a fast-logging role by asking again from where it got to, and the
/// emulator never holds more than one chunk per request. Without an offset it starts that far before the end. A file
/// shorter than the offset was rolled over: reading starts again at its beginning.
/// </summary>
internal static class LogTail
{
    public static LogChunk Read(string path, long? from)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new LogChunk(0, 0, Reset: from is > 0, []);
        }

        using (stream)
        {
            var length = stream.Length;
            var reset = from is { } asked && asked > length;
            var start = from is { } offset && !reset ? offset : Math.Max(0, length - DashboardDefaults.MaxLogChunkBytes);
            var count = (int)Math.Min(DashboardDefaults.MaxLogChunkBytes, length - start);
            var buffer = new byte[count];
            stream.Position = start;
            stream.ReadExactly(buffer);

            // Whole lines only: a first partial line (a tail that starts mid-line) and a last unfinished one are left.
            var first = 0;
            if (from is null && start > 0)
            {
                first = Array.IndexOf(buffer, (byte)'\n') + 1;
            }

            var last = Array.LastIndexOf(buffer, (byte)'\n');
            if (last < first)
            {
                // One line longer than a chunk is sent as it is rather than never.
                last = count == DashboardDefaults.MaxLogChunkBytes ? count - 1 : first - 1;
            }

            var text = last >= first ? Encoding.UTF8.GetString(buffer, first, last - first + 1) : string.Empty;
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            return new LogChunk(start + first, start + last + 1, reset, lines);
        }
    }
}
