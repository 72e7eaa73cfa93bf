using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>The pages and their script and style, embedded in the assembly (no front-end build) and served as they are.</summary>
internal static class Pages
{
    private static readonly FrozenDictionary<string, string> Routes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/"] = "index.html",
        ["/instance"] = "instance.html",
        ["/queues"] = "queues.html",
        ["/jobs"] = "jobs.html",
        ["/schedules"] = "schedules.html",
        ["/triggers"] = "triggers.html",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Map(WebApplication app)
    {
        foreach (var (route, file) in Routes)
        {
            app.MapGet(route, () => Asset(file));
        }

        app.MapGet("/assets/{name}", (string name) => Asset(name));
    }

    private static IResult Asset(string name)
    {
        var stream = typeof(Pages).Assembly.GetManifestResourceStream("wwwroot/" + name);
        if (stream is null)
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}
