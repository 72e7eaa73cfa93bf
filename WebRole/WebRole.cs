using BackgroundRoles.Contracts;
using BackgroundRoles.Jobs;
using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Composition;
using BackgroundRoles.Logging;
using BackgroundRoles.ServiceRuntime;
using BackgroundRoles.Supervision;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.WebRole.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.WebRole;

/// <summary>
/// The web role: an ASP.NET Core app that its RoleEntryPoint runs. It takes work (thumbnails, orders), puts it
/// on queues for the worker role and answers at once; the status of each job is a GET away.
/// Beside the app it runs supervised background tasks through the same composition kit as the worker
/// (<see cref="RoleComposition"/>): the due-jobs mover (<see cref="DueJobRegistration.AddDueJobMover"/>), which moves
/// the jobs it accepted due more than 7 days ahead to their queues; one instance of either role runs each tick. Its
/// <c>/health</c> lists the tasks. OnStart declares the tasks, builds the app and starts listening on the instance's
/// HttpIn endpoint (still Busy: no traffic); Run supervises the tasks until the instance stops, or returns on an
/// escalation so the role recycles; OnStop stops the app, then drains the tasks, within the stop budget.
/// </summary>
public sealed partial class WebRole : RoleEntryPoint
{
    /// <summary>The csdef endpoint the app listens on.</summary>
    public const string EndpointName = "HttpIn";

    private readonly ILogger<WebRole> _logger = RoleLoggerFactory.CreateLogger<WebRole>();
    private readonly ManualResetEventSlim _stopped = new();
    private WebApplication? _app;
    private RoleComposition? _composition;
    private Func<IReadOnlyList<string>> _heldSingletons = () => [];

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

        if (!TryReadCallbackHosts(environment, storage))
        {
            return false;
        }

        if (JobEventSettings.Read(environment, out var invalid) is not { } eventSettings)
        {
            Log.InvalidSetting(_logger, invalid!);
            return false;
        }

        // The declaration makes no storage call: a storage outage later makes the mover fail and restart by its policy.
        _composition = RoleComposition.Start(environment, kit => Compose(kit, environment, storage));
        if (_composition is null)
        {
            return false;
        }

        var state = new WebRoleState(environment, TimeProvider.System) { Supervisor = _composition.Supervisor, HeldSingletons = _heldSingletons };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(RoleLoggerFactory.SharedProvider);

        // ASP.NET Core logs every request at Information; the role's own log says what matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(eventSettings);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();

        // The largest body any endpoint takes; each endpoint counts its own limit (BodyLimit) and lets Kestrel drain
        // what is past it, up to MaxDrainBytes.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = WebRoleDefaults.MaxImageBytes + WebRoleDefaults.MaxFormOverheadBytes);
        builder.WebHost.UseUrls($"http://{endpoint.IPEndpoint}");

        _app = builder.Build();
        DeploymentHeader.Use(_app, environment.DeploymentId);
        _app.UseExceptionHandler();
        _app.UseStatusCodePages();
        HealthEndpoint.Map(_app);
        JobsApi.Map(_app);
        JobEventsApi.Map(_app);
        _app.StartAsync().GetAwaiter().GetResult();
        Log.Listening(_logger, $"http://{endpoint.IPEndpoint}");
        return true;
    }

    /// <summary>Supervises the background tasks until the stop; returns early on an escalation, so the role recycles.</summary>
    public override void Run()
    {
        if (_composition is null)
        {
            _stopped.Wait();
            return;
        }

        _composition.Run();
    }

    public override void OnStop()
    {
        if (_app is not null)
        {
            using var budget = new CancellationTokenSource(RoleEnvironment.Current.StopBudget - TimeSpan.FromSeconds(1));
            _app.StopAsync(budget.Token).GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (_composition is not null)
        {
            _composition.Stop();
            _composition.Dispose();
        }

        _stopped.Set();
    }

    /// <summary>The hosts a submission's callback URL may name, from <c>Callbacks.AllowedHosts</c>; a bad value fails OnStart.</summary>
    private bool TryReadCallbackHosts(RoleInstanceEnvironment environment, JobStorage storage)
    {
        try
        {
            storage.Jobs.CallbackHosts = CallbackAllowList.Parse(
                environment.TryGetConfigurationSettingValue(JobDefaults.CallbackAllowedHostsSetting, out var text) ? text : null, JobDefaults.CallbackAllowedHostsSetting);
            return true;
        }
        catch (ArgumentException e)
        {
            Log.InvalidSetting(_logger, e.Message.Split(" (Parameter", 2)[0]);
            return false;
        }
    }

    private bool Compose(RoleKit kit, RoleInstanceEnvironment environment, JobStorage storage)
    {
        // A changed allow-list applies to the next submission; a bad new value keeps the last good one.
        kit.OnSettingsChanged(_ =>
        {
            try
            {
                storage.Jobs.CallbackHosts = CallbackAllowList.Parse(kit.Settings.TryGetValue(JobDefaults.CallbackAllowedHostsSetting, out var hosts) ? hosts : null, JobDefaults.CallbackAllowedHostsSetting);
            }
            catch (ArgumentException e)
            {
                Log.InvalidSetting(_logger, e.Message.Split(" (Parameter", 2)[0]);
            }
        });

        kit.UseCoordination(storage, environment.CurrentRoleInstance.Id);
        _heldSingletons = kit.HeldSingletons;
        if (!kit.Settings.TryGetValue(WebRoleDefaults.DueJobsScheduleSetting, out var schedule) || string.IsNullOrWhiteSpace(schedule))
        {
            Log.DueJobsOff(_logger, WebRoleDefaults.DueJobsScheduleSetting);
            return true;
        }

        kit.AddDueJobMover(storage, WebRoleDefaults.DueJobsScheduleSetting);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(4000, LogLevel.Information, "WebRole listening on {Url}")]
        public static partial void Listening(ILogger logger, string url);

        [LoggerMessage(4002, LogLevel.Error, "Storage is not available: {Reason}")]
        public static partial void StorageUnavailable(ILogger logger, string reason);

        [LoggerMessage(4003, LogLevel.Information, "Due-jobs mover off: setting '{Setting}' is empty (a value set later takes effect at the next start)")]
        public static partial void DueJobsOff(ILogger logger, string setting);

        [LoggerMessage(4004, LogLevel.Error, "Invalid setting: {Error}")]
        public static partial void InvalidSetting(ILogger logger, string error);

        [LoggerMessage(4001, LogLevel.Error, "The instance has no endpoint named {Endpoint}: declare it as an InputEndpoint in the csdef")]
        public static partial void NoEndpoint(ILogger logger, string endpoint);
    }
}
