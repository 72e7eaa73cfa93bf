using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BackgroundRoles.Dashboard.Internal;

/// <summary>
/// Lets a request in only with the session: <c>/login?token=</c> checks the token (in constant time) and gives the
/// session cookie, HttpOnly and SameSite=Strict, then sends the browser on without the token in its address bar.
/// A state-changing request must also come from the dashboard's own origin and carry the anti-forgery token, so a
/// page elsewhere (another port on loopback is the same site for a cookie) cannot act with the person's cookie.
/// The Host must be the loopback address the dashboard listens on, so a name rebound to loopback gets nothing.
/// </summary>
internal sealed class SessionGate(string token)
{
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    // The cookie is not the token: a session value of its own, so the token is never stored by the browser.
    private readonly string _session = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public int Port { get; set; }

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

        if (!IsOwnHost(context.Request))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "The dashboard answers only on its own loopback address.").ConfigureAwait(false);
            return;
        }

        if (context.Request.Path == "/login")
        {
            await LoginAsync(context).ConfigureAwait(false);
            return;
        }

        if (!HasSession(context.Request))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "Not signed in: open the dashboard's login link that './cloudservice run' printed.").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            if (!IsSameOrigin(context.Request))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "Refused: the request comes from another origin than the dashboard.").ConfigureAwait(false);
                return;
            }

            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "Refused: the request has no valid anti-forgery token; reload the page.").ConfigureAwait(false);
                return;
            }
        }

        await next().ConfigureAwait(false);
    }

    private async Task LoginAsync(HttpContext context)
    {
        var given = context.Request.Query["token"].ToString();
        if (given.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "This login link's token is not this emulator's: use the link that './cloudservice run' printed.").ConfigureAwait(false);
            return;
        }

        context.Response.Cookies.Append(DashboardDefaults.SessionCookie, _session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = "/";
    }

    private bool HasSession(HttpRequest request) =>
        request.Cookies.TryGetValue(DashboardDefaults.SessionCookie, out var value)
        && value is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(value), Encoding.ASCII.GetBytes(_session));

    private bool IsOwnHost(HttpRequest request) =>
        request.Host.Port == Port && request.Host.Host is "127.0.0.1" or "localhost";

    /// <summary>
    /// A browser says where a request comes from in Origin (and Sec-Fetch-Site); either naming another origin refuses
    /// it. A client that sends neither (not a browser) still needs the session cookie and the anti-forgery token.
    /// </summary>
    private bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length == 0 || site is "same-origin" or "none";
    }

    private static Task RefuseAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(reason + "\n");
    }
}
