namespace BackgroundRoles.Fabric.Control;

/// <summary>The body of every refused control API request.</summary>
public sealed record ControlError(string Error);
