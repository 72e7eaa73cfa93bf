using BackgroundRoles.Porting.Internal;

namespace BackgroundRoles.Porting;

public static partial class Porter
{
    /// <summary>
    /// What the input is: a .ccproj (a service), a .csproj (a role project), or a folder with one .ccproj (at its
    /// top or one level down: a solution folder) or else one .csproj.
    /// </summary>
    private static (ClassicService? Service, string? Project) Resolve(string input)
    {
        if (File.Exists(input))
        {
            return Path.GetExtension(input).ToLowerInvariant() switch
            {
                ".ccproj" => (ClassicService.Read(input), null),
                ".csproj" => (null, input),
                _ => throw new PortingException($"{input}: not a .csproj or .ccproj"),
            };
        }

        if (!Directory.Exists(input))
        {
            throw new PortingException($"{input}: no such file or folder");
        }

        var services = Directory.EnumerateFiles(input, "*.ccproj").ToList();
        if (services.Count == 0)
        {
            services = [.. Directory.EnumerateDirectories(input).Where(d => !d.EndsWith(PortingDefaults.OutputSuffix, StringComparison.Ordinal)).SelectMany(d => Directory.EnumerateFiles(d, "*.ccproj"))];
        }

        if (services.Count > 1)
        {
            throw new PortingException($"{input}: holds more than one Cloud Service project ({string.Join(", ", services.Select(Path.GetFileName).Order(StringComparer.Ordinal))}); name one");
        }

        if (services.Count == 1)
        {
            return (ClassicService.Read(services[0]), null);
        }

        var projects = Directory.EnumerateFiles(input, "*.csproj").ToList();
        return projects.Count switch
        {
            1 => (null, projects[0]),
            0 => throw new PortingException($"{input}: holds no .ccproj (here or one folder down) and no .csproj"),
            _ => throw new PortingException($"{input}: holds more than one project ({string.Join(", ", projects.Select(Path.GetFileName).Order(StringComparer.Ordinal))}); name one"),
        };
    }
}
