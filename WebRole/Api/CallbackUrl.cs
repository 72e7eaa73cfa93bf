using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Callbacks;
using Microsoft.AspNetCore.Http;

namespace BackgroundRoles.WebRole.Api;

/// <summary>
/// The webhook a submission asks for in its query: <c>callbackUrl</c>, an absolute http(s) URL whose host is on the
/// service's <c>Callbacks.AllowedHosts</c> (so a caller cannot make the worker call arbitrary internal addresses).
/// A problem is reported under the parameter's name, as the jobs library would refuse it.
/// </summary>
internal static class CallbackUrl
{
    public const string Parameter = "callbackUrl";

    public static (SubmitOptions Options, Dictionary<string, string[]> Errors) Read(HttpRequest request, SubmitOptions options, CallbackAllowList allowed)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!request.Query.TryGetValue(Parameter, out var values))
        {
            return (options, errors);
        }

        var text = values.ToString();
        var url = Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        var problem = text.Length > JobDefaults.MaxCallbackUrlChars ? $"is longer than {JobDefaults.MaxCallbackUrlChars} characters" : allowed.Check(url);
        if (problem is not null)
        {
            errors[Parameter] = [$"The callback URL {problem}."];
            return (options, errors);
        }

        return (options with { CallbackUrl = url }, errors);
    }
}
