using BackgroundRoles.Fabric.Autoscale;
using BackgroundRoles.Fabric.Control;
using BackgroundRoles.ServiceModel;
using Microsoft.Extensions.Logging;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>The autoscale rules applied to the production slot (<see cref="Autoscaler"/>) and their view in the status.</summary>
public sealed partial class EmulatorSession
{
    private Autoscaler? _autoscaler;

    /// <summary>Starts applying <paramref name="rules"/> to the production deployment until the emulator stops; once per session.</summary>
    /// <exception cref="InvalidOperationException">The rules are already applied.</exception>
    public void StartAutoscale(AutoscaleRules rules, ILogger? logger = null)
    {
        var autoscaler = new Autoscaler(this, rules, logger);
        lock (_gate)
        {
            if (_autoscaler is not null)
            {
                throw new InvalidOperationException("The autoscale rules are already applied.");
            }

            _autoscaler = autoscaler;
        }

        autoscaler.Start();
    }

    /// <summary><paramref name="snapshot"/> (production's) with each ruled role's <see cref="RoleSnapshot.Autoscale"/> view.</summary>
    public DeploymentSnapshot WithAutoscale(DeploymentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Autoscaler? autoscaler;
        lock (_gate)
        {
            autoscaler = _autoscaler;
        }

        return autoscaler is null
            ? snapshot
            : snapshot with { Roles = [.. snapshot.Roles.Select(r => autoscaler.ViewOf(snapshot.DeploymentId, r.Name) is { } view ? r with { Autoscale = view } : r)] };
    }

    private async Task StopAutoscaleAsync()
    {
        Autoscaler? autoscaler;
        lock (_gate)
        {
            autoscaler = _autoscaler;
        }

        if (autoscaler is not null)
        {
            await autoscaler.DisposeAsync().ConfigureAwait(false);
        }
    }
}
