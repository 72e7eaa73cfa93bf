using BackgroundRoles.Fabric.Emulator;
using BackgroundRoles.Jobs;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric.Autoscale;

/// <summary>One round for one role: read, decide, scale, remember.</summary>
public sealed partial class Autoscaler
{
    private async Task RoundAsync(LocalDeployment deployment, RoleAutoscaleRule rule, CancellationToken ct)
    {
        if (deployment.GetSnapshot().Roles.FirstOrDefault(r => string.Equals(r.Name, rule.RoleName, StringComparison.OrdinalIgnoreCase)) is not { } role)
        {
            return;
        }

        var state = StateOf(deployment.DeploymentId, role.Name);
        var (lengths, error) = await ReadLengthsAsync(deployment, role.Name, rule, ct).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (lengths is null)
        {
            Report(state, role.Name, error!, () => LogUnreadable(_logger, role.Name, error!));
            Update(state, state.View is { } last
                ? last with { CheckedAt = now, Error = error }
                : new AutoscaleView(rule.MinInstances, rule.MaxInstances, [], role.InstanceCount, role.InstanceCount, "no queue length read yet", null, now, null, error));
            return;
        }

        var decision = AutoscaleDecider.Decide(rule, role.InstanceCount, lengths, now, state.Memory);
        string? lastChange = state.View?.LastChange;
        string? refusal = null;
        var memory = decision.Memory;
        if (decision.Changes)
        {
            var change = $"{decision.Current} -> {decision.Target} ({decision.Reason})";
            refusal = await _session.ScaleAsync(DeploymentSlot.Production, role.Name, decision.Target).ConfigureAwait(false);
            if (refusal is null)
            {
                memory = memory.Changed(now, decision.ScalesOut);
                lastChange = change;
                state.LastError = null;
                _session.Say($"autoscale: {role.Name} {change}");
                LogScaled(_logger, role.Name, decision.Current, decision.Target, decision.Reason);
            }
            else
            {
                Report(state, role.Name, $"{change} refused, tried again next round: {refusal}", () => LogRefused(_logger, role.Name, decision.Current, decision.Target, refusal));
            }
        }
        else
        {
            state.LastError = null;
        }

        state.Memory = memory;
        Update(state, new AutoscaleView(rule.MinInstances, rule.MaxInstances, lengths, decision.Current, decision.Desired, decision.Reason,
            decision.NextAllowedChange, now, lastChange, refusal));
    }

    /// <summary>Each queue's length; null and why when the role's storage cannot be read.</summary>
    private async Task<(IReadOnlyList<QueueLength>? Lengths, string? Error)> ReadLengthsAsync(LocalDeployment deployment, string roleName, RoleAutoscaleRule rule, CancellationToken ct)
    {
        if (rule.Queues.Count == 0)
        {
            return ([], null);
        }

        if (!deployment.TryGetSetting(roleName, rule.ConnectionSetting, out var connection) || string.IsNullOrWhiteSpace(connection))
        {
            return (null, $"the role's setting '{rule.ConnectionSetting}' holds no connection string");
        }

        // A round must end while storage is down: a bounded wait, then the reason instead of the lengths.
        using var timeout = new CancellationTokenSource(FabricDefaults.AutoscaleReadTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            var storage = _storages.GetOrAdd(connection, text => JobStorage.Create(text));
            var lengths = new List<QueueLength>(rule.Queues.Count);
            foreach (var trigger in rule.Queues)
            {
                var depth = await storage.GetApproximateQueueDepthAsync(trigger.QueueName, linked.Token).ConfigureAwait(false);
                lengths.Add(new QueueLength(trigger.QueueName, depth ?? 0));
            }

            return (lengths, null);
        }
        catch (JobStorageException exception)
        {
            return (null, "storage cannot be read: " + exception.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"storage did not answer within {FabricDefaults.AutoscaleReadTimeout.TotalSeconds:0} s");
        }
    }

    private RoleState StateOf(string deploymentId, string roleName)
    {
        lock (_gate)
        {
            if (!_roles.TryGetValue(roleName, out var state) || state.DeploymentId != deploymentId)
            {
                state = new RoleState(deploymentId);
                _roles[roleName] = state;
            }

            return state;
        }
    }

    private void Update(RoleState state, AutoscaleView? view)
    {
        lock (_gate)
        {
            state.View = view;
        }
    }

    /// <summary>Prints and logs a problem once, not every round while it lasts.</summary>
    private void Report(RoleState state, string roleName, string problem, Action log)
    {
        if (state.LastError == problem)
        {
            return;
        }

        state.LastError = problem;
        _session.Say($"autoscale: {roleName}: {problem}");
        log();
    }
}
