namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /set-config</c>: new values for declared settings, of one role or of every role that declares them.</summary>
public sealed record SetConfigRequest(string? Role, IReadOnlyDictionary<string, string> Settings);
