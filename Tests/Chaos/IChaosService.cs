namespace BackgroundRoles.Chaos;

/// <summary>
/// The running service a chaos scenario works on: real web and worker role processes kept running by whoever
/// started them (the emulator's fabric restarts a killed instance), on a <see cref="ChaosStorage"/> of their own.
/// The benchmark harness and the tests each provide one; the scenarios only use these public surfaces.
/// </summary>
internal interface IChaosService
{
    /// <summary>The web role's base URL (the load balancer's, under the emulator).</summary>
    Uri WebUrl { get; }

    /// <summary>The Azurite the roles use.</summary>
    ChaosStorage Storage { get; }

    /// <summary>The worker role instances whose role process runs now: instance id and process id.</summary>
    Task<IReadOnlyList<(string InstanceId, int ProcessId)>> RunningWorkersAsync();

    /// <summary>
    /// Sets the worker role's <c>Freeze</c> setting on the running deployment (<c>set-config</c>): frozen, its queue
    /// processors stop taking messages, so a queue can be filled before they start again.
    /// </summary>
    Task FreezeWorkersAsync(bool frozen);
}
