using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.WebRole.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WebRole;

/// <summary>
/// The web role: an ASP.NET Core app that its RoleEntryPoint runs. It takes work (thumbnails, orders), puts it
/// on queues for the worker role and answers at once; the status of each job is a GET away.
/// OnStart builds the app and starts listening on the instance's HttpIn endpoint (still Busy: no traffic);
/// Run waits until the instance stops; OnStop stops the app within the stop budget.
/// </summary>
public sealed partial class WebRole : RoleEntryPoint
{
    /// <summary>The csdef endpoint the app listens on.</summary>
    public const string EndpointName = "HttpIn";

    private readonly ILogger<WebRole> _logger = RoleLoggerFactory.CreateLogger<WebRole>();
    private readonly ManualResetEventSlim _stopped = new();
    private WebApplication? _app;

    public override bool OnStart()
    {
        var environment = RoleEnvironment.Current;
        if (!environment.CurrentRoleInstance.InstanceEndpoints.TryGetValue(EndpointName, out var endpoint))
        {
            Log.NoEndpoint(_logger, EndpointName);
            return false;
        }

        JobStorage storage;
        try
        {
            storage = JobStorage.Create(environment.TryGetConfigurationSettingValue(StorageConnection.SettingName, out var text) ? text : string.Empty);
            using var timeout = new CancellationTokenSource(WebRoleDefaults.StorageStartTimeout);
            storage.EnsureAllAsync(JobQueues.All, JobQueues.Containers, [], timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is JobStorageException or OperationCanceledException or IOException or HttpRequestException)
        {
            Log.StorageUnavailable(_logger, e.Message);
            return false;
        }

        var state = new WebRoleState(environment, TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(RoleLoggerFactory.SharedProvider);

        // ASP.NET Core logs every request at Information; the role's own log says what matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();

        // The largest body any endpoint takes; each endpoint counts its own limit (BodyLimit) and lets Kestrel drain
        // what is past it, up to MaxDrainBytes.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = WebRoleDefaults.MaxImageBytes + WebRoleDefaults.MaxFormOverheadBytes);
        builder.WebHost.UseUrls($"http://{endpoint.IPEndpoint}");

        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.UseStatusCodePages();
        HealthEndpoint.Map(_app);
        JobsApi.Map(_app);
        JobEventsApi.Map(_app);
        _app.StartAsync().GetAwaiter().GetResult();
        Log.Listening(_logger, $"http://{endpoint.IPEndpoint}");
        return true;
    }

    public override void Run() => _stopped.Wait();

    public override void OnStop()
    {
        if (_app is not null)
        {
            using var budget = new CancellationTokenSource(RoleEnvironment.Current.StopBudget - TimeSpan.FromSeconds(1));
            _app.StopAsync(budget.Token).GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _stopped.Set();
    }

    private static partial class Log
    {
        [LoggerMessage(4000, LogLevel.Information, "WebRole listening on {Url}")]
        public static partial void Listening(ILogger logger, string url);

        [LoggerMessage(4002, LogLevel.Error, "Storage is not available: {Reason}")]
        public static partial void StorageUnavailable(ILogger logger, string reason);

        [LoggerMessage(4001, LogLevel.Error, "The instance has no endpoint named {Endpoint}: declare it as an InputEndpoint in the csdef")]
        public static partial void NoEndpoint(ILogger logger, string endpoint);
    }
}
