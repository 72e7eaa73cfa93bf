using System.Globalization;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Cli.Control;

/// <summary>
/// Prints a deployment's status as text: roles, instances with state, domains, restarts, endpoints (each with the public
/// port in front of it, when there is one), task health, and each role's scheduled jobs and singletons.
/// </summary>
internal static class StatusPrinter
{
    /// <summary>Prints production (the top level of the status), then staging when it has a deployment, then the operation in progress.</summary>
    public static void Print(DeploymentSnapshot snapshot, TextWriter output)
    {
        PrintDeployment(snapshot, output);
        if (snapshot.Staging is { } staging)
        {
            output.WriteLine();
            PrintDeployment(staging, output);
        }

        if (snapshot.Operation is { } operation)
        {
            output.WriteLine();
            output.WriteLine($"In progress: {operation}");
        }
    }

    private static void PrintDeployment(DeploymentSnapshot snapshot, TextWriter output)
    {
        var slot = snapshot.Slot is { } named ? $"{named}: " : string.Empty;
        if (snapshot.DeploymentId.Length == 0)
        {
            output.WriteLine($"{slot}no deployment");
            return;
        }

        var up = DateTimeOffset.UtcNow - snapshot.StartedAt;
        output.WriteLine($"{slot}Deployment {snapshot.DeploymentId} of {snapshot.ServiceName}, up {up:hh\\:mm\\:ss}{(snapshot.Stopping ? ", stopping" : string.Empty)}");
        foreach (var endpoint in snapshot.PublicEndpoints ?? [])
        {
            output.WriteLine($"  public {endpoint.Name}: {endpoint.Url}");
        }

        foreach (var role in snapshot.Roles)
        {
            output.WriteLine();
            output.WriteLine($"{role.Name}: {role.InstanceCount} instance{(role.InstanceCount == 1 ? string.Empty : "s")}");
            output.WriteLine($"  {"INSTANCE",-24} {"STATE",-10} {"UD",2} {"FD",2} {"RESTARTS",8} {"PID",7}  DETAIL");
            foreach (var instance in role.Instances)
            {
                PrintInstance(instance, output);
            }

            CoordinationPrinter.Print(role.Coordination, output);
            AutoscalePrinter.Print(role.Autoscale, output);
        }

        if (snapshot.Upgrade is { } upgrade)
        {
            PrintUpgrade(upgrade, output);
        }
    }

    /// <summary>The slot's current or last upgrade: its state and each update domain with its time.</summary>
    private static void PrintUpgrade(UpgradeSnapshot upgrade, TextWriter output)
    {
        output.WriteLine();
        var took = upgrade.Took is { } total ? string.Create(CultureInfo.InvariantCulture, $" in {total.TotalSeconds:F1} s") : string.Empty;
        output.WriteLine($"Upgrade from package {upgrade.FromPackage} to {upgrade.ToPackage} ({upgrade.Mode.ToString().ToLowerInvariant()}): {upgrade.State}{took}");
        foreach (var domain in upgrade.Domains)
        {
            var time = domain.Took is { } domainTook ? string.Create(CultureInfo.InvariantCulture, $" in {domainTook.TotalSeconds:F1} s") : string.Empty;
            var instances = domain.Instances.Count == 0 ? string.Empty : $" ({string.Join(", ", domain.Instances)})";
            output.WriteLine($"  update domain {domain.Domain}: {domain.State}{time}{instances}");
        }
    }

    private static void PrintInstance(InstanceSnapshot instance, TextWriter output)
    {
        var pid = instance.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var rotation = instance.OutOfRotation ? " [out of rotation]" : string.Empty;
        output.WriteLine($"  {instance.InstanceId,-24} {instance.State,-10} {instance.UpdateDomain,2} {instance.FaultDomain,2} {instance.Restarts,8} {pid,7}  {instance.Detail}{rotation}");
        if (instance.Package is { } package)
        {
            output.WriteLine($"      package {package}");
        }

        foreach (var endpoint in instance.Endpoints)
        {
            var forwarded = endpoint.PublicPort is { } publicPort && publicPort != endpoint.Port ? $" (public {endpoint.Scheme}://{endpoint.Address}:{publicPort}/)" : string.Empty;
            output.WriteLine($"      endpoint {endpoint.Name}: {endpoint.Url}{forwarded}");
        }

        if (instance.Health is { } health)
        {
            output.WriteLine($"      supervisor {health.State}{(health.Degraded ? ", degraded" : string.Empty)}");
            foreach (var task in health.Tasks)
            {
                var error = task.LastError is null ? string.Empty : $", last error {task.LastError}";
                output.WriteLine($"        task {task.Name}: {task.State}, restarts {task.Restarts}{(task.Required ? string.Empty : " (optional)")}{error}");
            }
        }
    }
}
