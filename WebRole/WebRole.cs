using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WebRole;

/// <summary>
/// The web role: an ASP.NET Core app that its RoleEntryPoint runs.
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

        var state = new WebRoleState(environment, TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(RoleLoggerFactory.SharedProvider);
        builder.Services.AddSingleton(state);
        builder.WebHost.UseUrls($"http://{endpoint.IPEndpoint}");

        _app = builder.Build();
        HealthEndpoint.Map(_app);
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

        [LoggerMessage(4001, LogLevel.Error, "The instance has no endpoint named {Endpoint}: declare it as an InputEndpoint in the csdef")]
        public static partial void NoEndpoint(ILogger logger, string endpoint);
    }
}
