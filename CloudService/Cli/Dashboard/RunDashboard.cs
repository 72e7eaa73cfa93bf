using System.Security.Cryptography;
using BackgroundRoles.Dashboard;
using BackgroundRoles.Fabric;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Jobs;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Cli.Dashboard;

/// <summary>
/// Starts the dashboard beside the control API for <c>run</c> and prints its login link once. The link's secret is
/// the dashboard's own, not the control API's token: it opens a dashboard session and nothing else, so what <c>run</c>
/// prints cannot drive the control API. The storage it shows is the one the production deployment's
/// <c>StorageConnectionString</c> names (the first role that has one). A dashboard that cannot start is said and the
/// emulator runs on without it.
/// </summary>
internal static class RunDashboard
{
    /// <param name="session">The running emulator.</param>
    /// <param name="production">Its production deployment, whose storage the pages show.</param>
    /// <param name="rules">The autoscale rules the session applies; null when none.</param>
    /// <param name="autoscale">False for <c>run --no-autoscale</c>.</param>
    /// <param name="output">Where the login link is printed.</param>
    public static DashboardServer? Start(EmulatorSession session, LocalDeployment production, AutoscaleRules? rules, bool autoscale, TextWriter output)
    {
        var connection = production.GetSnapshot().Roles
            .Select(role => production.TryGetSetting(role.Name, StorageConnection.SettingName, out var value) ? value : null)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        try
        {
            var options = new DashboardOptions
            {
                Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
                StorageConnectionString = connection,
                TimeProvider = session.DeploymentOptions.TimeProvider,
            };
            var dashboard = DashboardServer.StartAsync(new SessionDashboardSource(session, rules, !autoscale ? AutoscaleMode.Off : rules is null ? AutoscaleMode.NoRules : AutoscaleMode.On), options).GetAwaiter().GetResult();
            output.WriteLine($"Dashboard: {dashboard.LoginUrl} (a login link: open it once; it gives this browser a session)");
            return dashboard;
        }
        catch (Exception e) when (e is IOException or JobStorageException)
        {
            output.WriteLine($"warning: the dashboard cannot start: {e.Message}");
            return null;
        }
    }
}
