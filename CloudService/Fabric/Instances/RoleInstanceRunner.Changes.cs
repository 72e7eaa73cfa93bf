using BackgroundRoles.Fabric.Channel;
using BackgroundRoles.Hosting;

namespace BackgroundRoles.Fabric.Instances;

/// <summary>Live changes to the instance's environment: new settings, a new topology.</summary>
internal sealed partial class RoleInstanceRunner
{
    /// <summary>Gives the instance new settings: live (Changing, then Changed) when it runs, else at its next start.</summary>
    public Task<ChangeOutcome> ApplySettingsAsync(IReadOnlyDictionary<string, string> settings) =>
        ApplyChangeAsync(EnvironmentChange.Settings, spec => spec.WithSettings(settings));

    /// <summary>
    /// Gives the instance the deployment's new topology: live (Changing, then Changed) when it runs and its role has an
    /// internal endpoint, else at its next start. As on the platform, a role without an internal endpoint never sees a
    /// topology change (<see cref="RoleInstanceSpec.RaisesTopologyChanges"/>): <see cref="ChangeOutcome.NotRaised"/>.
    /// </summary>
    public Task<ChangeOutcome> ApplyTopologyAsync(IReadOnlyList<RoleTopologyDescriptor> roles) =>
        ApplyChangeAsync(EnvironmentChange.Topology, spec => spec.WithTopology(roles));

    /// <summary>True when a topology change reaches this instance live (its role has an internal endpoint).</summary>
    public bool RaisesTopologyChanges => Spec.RaisesTopologyChanges;

    /// <summary>
    /// Updates the spec at once, before the first await (so callers that hold the deployment's lock order the updates),
    /// so that every later start has the change; then sends it to the running process. When the update leaves the spec
    /// as it was, there is nothing to send: <see cref="ChangeOutcome.Unchanged"/>.
    /// </summary>
    private async Task<ChangeOutcome> ApplyChangeAsync(EnvironmentChange change, Func<RoleInstanceSpec, RoleInstanceSpec> update)
    {
        lock (_gate)
        {
            var updated = update(_spec);
            if (ReferenceEquals(updated, _spec))
            {
                return new ChangeOutcome(InstanceId, ChangeOutcome.Unchanged);
            }

            _spec = updated;
            if (!Delivers(change))
            {
                return new ChangeOutcome(InstanceId, ChangeOutcome.NotRaised);
            }
        }

        // The caller may hold the deployment's lock: the send, and the wait for the answer, go on without it.
        await Task.Yield();
        return await SendChangeAsync(change).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the change, as the spec holds it now, to the connected process and waits for its answer; a cancelled
    /// Changing (or a throwing handler, or no answer in time) recycles the instance, which starts with the change.
    /// One change at a time: each sends what is current, so the last one sent is the latest.
    /// </summary>
    private async Task<ChangeOutcome> SendChangeAsync(EnvironmentChange change)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            RoleInstanceDescriptor descriptor;
            InstanceConnection? connection;
            lock (_gate)
            {
                descriptor = _spec.Descriptor;
                connection = _connection;
            }

            if (connection is null)
            {
                return new ChangeOutcome(InstanceId, ChangeOutcome.Pending);
            }

            var answer = await connection.ApplyChangeAsync(id => change.Message(id, descriptor), FabricDefaults.ChangeTimeout, _time).ConfigureAwait(false);
            if (answer is { Applied: true })
            {
                Say($"new {change.Name} applied (Changing, then Changed)");
                return new ChangeOutcome(InstanceId, ChangeOutcome.Applied);
            }

            var why = answer is null
                ? $"no answer to the new {change.Name}"
                : answer.Error is { } error ? $"a Changing or Changed handler threw ({error})" : "Changing was cancelled";
            if (Recycle(why))
            {
                Say($"{why}: recycling it with the new {change.Name}");
                return new ChangeOutcome(InstanceId, ChangeOutcome.Recycled);
            }

            return new ChangeOutcome(InstanceId, ChangeOutcome.Pending);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Sends, once the process has connected, what changed since it was launched with <paramref name="launched"/>: a
    /// change made in between updated the spec but found no connection to send it on.
    /// </summary>
    private async Task CatchUpAsync(RoleInstanceDescriptor launched, RoleInstanceDescriptor connectedWith)
    {
        foreach (var change in EnvironmentChange.All.Where(c => c.Differs(launched, connectedWith) && Delivers(c)))
        {
            await SendChangeAsync(change).ConfigureAwait(false);
        }
    }

    /// <summary>Settings always reach a running instance; a topology only when its role has an internal endpoint.</summary>
    private bool Delivers(EnvironmentChange change) => change != EnvironmentChange.Topology || _spec.RaisesTopologyChanges;
}
