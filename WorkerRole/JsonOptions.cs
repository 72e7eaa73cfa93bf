using System.Text.Json;

namespace BackgroundRoles.WorkerRole;

/// <summary>The JSON shape of job payloads: the web's (camelCase), as the web role writes them.</summary>
internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
