namespace BackgroundRoles.Fabric.Instances;

/// <summary>How one instance's move onto another spec (an upgrade, or its rollback) ended.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Ready">
/// True when a process started with the new spec got Ready within the timeout, or Frozen: a spec whose settings say
/// Freeze=true parks the instance before OnStart, as its configuration asks, so that is where it arrives.
/// </param>
/// <param name="Took">From taking it out of rotation until it was Ready, or until the timeout.</param>
/// <param name="State">Its state at the end, with the detail (why it is not Ready, when it is not).</param>
/// <param name="Frozen">True when it arrived Frozen rather than Ready.</param>
internal sealed record ReplacementResult(string InstanceId, bool Ready, TimeSpan Took, string State, bool Frozen);
