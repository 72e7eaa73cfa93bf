namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /recycle</c>: recycle one instance.</summary>
public sealed record RecycleRequest(string Instance);
