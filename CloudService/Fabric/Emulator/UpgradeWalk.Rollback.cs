using BackgroundRoles.Fabric.Instances;

namespace BackgroundRoles.Fabric.Emulator;

/// <summary>The rollback: the upgraded domains, the failed one first, back onto the old package.</summary>
internal sealed partial class UpgradeWalk
{
    /// <summary>
    /// Moves the instances of every domain the walk touched back to the specs they ran, the last domain first, one
    /// domain at a time (so the other domains keep answering), and ends the walk RolledBack.
    /// </summary>
    private async Task RollBackAsync(List<(int Index, IReadOnlyList<InstanceReplacement> Moves)> upgraded, CancellationToken stopping)
    {
        var rolledBack = new List<int>();
        var notReady = new List<string>();
        foreach (var (index, moves) in Enumerable.Reverse(upgraded))
        {
            var domain = _domains[index].Domain;
            var names = moves.Select(m => m.InstanceId).ToList();
            SetDomain(index, UpgradeDomainState.RollingBack, names, null);
            Log($"Update domain {domain}: rolling back {string.Join(", ", names)} to package {FromPackage.Id}");
            var started = _time.GetTimestamp();
            var results = await Task.WhenAll(moves.Select(m => m.Reversed).Select(m => m.Runner.ReplaceAsync(m.To, _plan.DrainTime, _plan.InstanceTimeout, stopping))).ConfigureAwait(false);
            var took = _time.GetElapsedTime(started);

            // One that is not Ready on the old package either still goes back in rotation, to take traffic once it is.
            foreach (var move in moves)
            {
                move.Runner.ReturnToRotation();
            }

            notReady.AddRange(results.Where(r => !r.Ready).Select(r => $"{r.InstanceId} ({r.State})"));
            rolledBack.Add(domain);
            SetDomain(index, UpgradeDomainState.RolledBack, names, took);
            Log($"Update domain {domain}: rolled back in {Seconds(took)}");
        }

        _target.KeepOnly(FromPackage);
        var domains = rolledBack.Count == 0 ? "no update domain had changed" : $"update domain{(rolledBack.Count == 1 ? string.Empty : "s")} {string.Join(", ", rolledBack)} run{(rolledBack.Count == 1 ? "s" : string.Empty)} package {FromPackage.Id} again";
        var late = notReady.Count == 0 ? string.Empty : $"; not Ready on it within {Seconds(_plan.InstanceTimeout)}: {string.Join(", ", notReady)}";
        End(UpgradeState.RolledBack, $"Upgrade rolled back after {Seconds(_time.GetElapsedTime(_started))}: {domains}{late}");
    }
}
