using System.Text.Json;

namespace BackgroundRoles.Fabric.Control;

/// <summary>
/// Where a running emulator's control API listens and the token it wants, as <c>run</c> writes them to
/// <c>&lt;state&gt;/control.json</c>, a file only its user can read.
/// </summary>
/// <param name="Url">The API's base URL on loopback, ending with a slash.</param>
/// <param name="Token">The bearer token every request must carry.</param>
/// <param name="ProcessId">The process of <c>run</c>.</param>
public sealed record ControlEndpoint(string Url, string Token, int ProcessId)
{
    public const string FileName = "control.json";

    public static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, FileName);

    /// <summary>Writes the file, readable and writable by this user only, before anything is in it.</summary>
    public void Write(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = PathIn(stateDirectory);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            JsonSerializer.Serialize(stream, this, ControlJson.Options);
        }
    }

    /// <summary>Reads the file; null with the reason when there is none or it cannot be read.</summary>
    public static ControlEndpoint? Read(string stateDirectory, out string? error)
    {
        var path = PathIn(stateDirectory);
        error = null;
        try
        {
            var endpoint = JsonSerializer.Deserialize<ControlEndpoint>(File.ReadAllText(path), ControlJson.Options);
            if (endpoint is { Url.Length: > 0, Token.Length: > 0 })
            {
                return endpoint;
            }

            error = $"{path} is not a control file";
        }
        catch (FileNotFoundException)
        {
            error = $"no emulator is running: {path} does not exist (start one with './cloudservice run', or name its state folder with --state-dir)";
        }
        catch (DirectoryNotFoundException)
        {
            error = $"no emulator is running: {path} does not exist (start one with './cloudservice run', or name its state folder with --state-dir)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            error = $"cannot read {path}: {e.Message}";
        }

        return null;
    }

    /// <summary>Deletes the file if it is still this endpoint's (a newer run may have replaced it).</summary>
    public void Delete(string stateDirectory)
    {
        if (Read(stateDirectory, out _) is { } onDisk && onDisk.Token == Token)
        {
            File.Delete(PathIn(stateDirectory));
        }
    }
}
