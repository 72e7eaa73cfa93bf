using System.Globalization;
using System.Net;
using BackgroundRoles.Dashboard.Internal;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Dashboard;

/// <summary>
/// The emulator's dashboard on <c>http://127.0.0.1:PORT/</c> only, in the emulator's own process. The login link
/// (<see cref="LoginUrl"/>, with the control API's token) gives an HttpOnly, SameSite=Strict session cookie; every
/// other request needs that cookie, and every state-changing one also an anti-forgery token and no foreign origin.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LiveFeed _feed;
    private readonly QueueDepths? _depths;

    private DashboardServer(WebApplication app, LiveFeed feed, QueueDepths? depths, Uri url, string token)
    {
        _app = app;
        _feed = feed;
        _depths = depths;
        Url = url;
        LoginUrl = new Uri(url, "login?token=" + Uri.EscapeDataString(token));
    }

    /// <summary>The dashboard's base URL, ending with a slash.</summary>
    public Uri Url { get; }

    /// <summary>The login link: the base URL with the token, to be shown once to the person who started the emulator.</summary>
    public Uri LoginUrl { get; }

    /// <summary>Listens on a free loopback port. Throws <see cref="JobStorageException"/> when the storage connection string is unusable.</summary>
    public static async Task<DashboardServer> StartAsync(IDashboardSource source, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Token);
        var storage = options.StorageConnectionString is { } connection ? JobStorage.Create(connection) : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = DashboardDefaults.AntiforgeryHeader;
            antiforgery.Cookie.Name = DashboardDefaults.AntiforgeryCookie;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.HttpOnly = true;
        });
        builder.Services.ConfigureHttpJsonOptions(json => DashboardJson.Configure(json.SerializerOptions));

        var app = builder.Build();
        var feed = new LiveFeed(source, options.TimeProvider);
        var depths = storage is null ? null : new QueueDepths(new QueueInspector(storage), options.TimeProvider);
        var gate = new SessionGate(options.Token);
        app.Use(gate.InvokeAsync);
        Pages.Map(app);
        InstanceApi.Map(app, source, feed, options.TimeProvider);
        StorageApi.Map(app, storage, depths, options.TimeProvider);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        gate.Port = port;
        depths?.Start();
        return new DashboardServer(app, feed, depths, url, options.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _feed.Dispose();
        if (_depths is not null)
        {
            await _depths.DisposeAsync().ConfigureAwait(false);
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
