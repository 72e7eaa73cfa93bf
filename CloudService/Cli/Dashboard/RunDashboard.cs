using BackgroundRoles.Dashboard;
using BackgroundRoles.Fabric;
using BackgroundRoles.Jobs;

namespace BackgroundRoles.Cli.Dashboard;

/// <summary>
/// Starts the dashboard beside the control API for <c>run</c>, with the control API's token, and prints its login
/// link once. The storage it shows is the one the roles' <c>StorageConnectionString</c> names (the first role that
/// has one). A dashboard that cannot start is said and the emulator runs on without it.
/// </summary>
internal static class RunDashboard
{
    public static DashboardServer? Start(LocalDeployment deployment, IReadOnlyList<RoleInstanceSpec> specs, string token, TextWriter output)
    {
        var connection = specs.Select(s => s.Descriptor.Settings.GetValueOrDefault(StorageConnection.SettingName))
            .FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));
        try
        {
            var options = new DashboardOptions { Token = token, StorageConnectionString = connection, TimeProvider = deployment.Options.TimeProvider };
            var dashboard = DashboardServer.StartAsync(new DeploymentDashboardSource(deployment), options).GetAwaiter().GetResult();
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
